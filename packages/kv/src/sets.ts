import type { RedisConnection } from "@redis-interface/core";
import type { RedisValue } from "./types.js";
import { assertKey, assertValue, assertValues } from "./validate.js";

/**
 * Sends `SADD key member…` (no TTL is set).
 * @returns how many members were new (0 when all were already there; any count, unlike the original).
 * @throws RedisError `INVALID_ARGUMENT` for an empty key, an empty list or a member that is not a
 *   string, number or Buffer; `WRONG_TYPE` when the key holds another type.
 */
export async function sadd(connection: RedisConnection, key: string, members: readonly RedisValue[]): Promise<number> {
  assertKey(key, "sadd");
  assertValues(members, "sadd", key, "member");
  return connection.execute("sadd", key, (client) => client.sadd(connection.keys.key(key), ...members));
}

/**
 * Sends `SMEMBERS key`.
 * @returns every member as a string, in Redis's (unspecified) order; `[]` when the key is missing.
 * @throws RedisError `INVALID_ARGUMENT` for an empty key; `WRONG_TYPE` when the key holds another type.
 */
export async function smembers(connection: RedisConnection, key: string): Promise<string[]> {
  assertKey(key, "smembers");
  return connection.execute("smembers", key, (client) => client.smembers(connection.keys.key(key)));
}

/**
 * Sends `SISMEMBER key member`.
 * @returns true when `member` is in the set (false when the key is missing).
 * @throws RedisError `INVALID_ARGUMENT` for an empty key or a bad member; `WRONG_TYPE` when the key
 *   holds another type.
 */
export async function sismember(connection: RedisConnection, key: string, member: RedisValue): Promise<boolean> {
  assertKey(key, "sismember");
  assertValue(member, "sismember", key, "member");
  const reply = await connection.execute("sismember", key, (client) => client.sismember(connection.keys.key(key), member));
  return reply === 1;
}

/**
 * Sends `SREM key member…` (Redis deletes the key when its last member goes).
 * @returns how many members were removed.
 * @throws RedisError `INVALID_ARGUMENT` as `sadd`; `WRONG_TYPE` when the key holds another type.
 */
export async function srem(connection: RedisConnection, key: string, members: readonly RedisValue[]): Promise<number> {
  assertKey(key, "srem");
  assertValues(members, "srem", key, "member");
  return connection.execute("srem", key, (client) => client.srem(connection.keys.key(key), ...members));
}

/**
 * Sends `SCARD key`.
 * @returns the number of members (0 when the key is missing).
 * @throws RedisError `INVALID_ARGUMENT` for an empty key; `WRONG_TYPE` when the key holds another type.
 */
export async function scard(connection: RedisConnection, key: string): Promise<number> {
  assertKey(key, "scard");
  return connection.execute("scard", key, (client) => client.scard(connection.keys.key(key)));
}
