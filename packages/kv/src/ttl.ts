import type { RedisConnection } from "@redis-interface/core";
import { assertKey, assertTtl } from "./validate.js";

/**
 * Sends `EXPIRE key seconds`.
 * @returns true when the key exists (and now expires), false when it does not (not an error).
 * @throws RedisError `INVALID_ARGUMENT` for a TTL that is not a positive integer.
 */
export async function setExpiry(connection: RedisConnection, key: string, seconds: number): Promise<boolean> {
  assertKey(key, "setExpiry");
  assertTtl(seconds, "setExpiry", key);
  return (await connection.execute("setExpiry", key, (client) => client.expire(connection.keys.key(key), seconds))) === 1;
}

/**
 * Sends `EXPIREAT key unixSeconds` (a time in the past deletes the key, as in Redis).
 * @returns true when the key exists.
 * @throws RedisError `INVALID_ARGUMENT` for a timestamp that is not a positive integer.
 */
export async function setExpireAt(connection: RedisConnection, key: string, unixSeconds: number): Promise<boolean> {
  assertKey(key, "setExpireAt");
  assertTtl(unixSeconds, "setExpireAt", key, "timestamp");
  return (await connection.execute("setExpireAt", key, (client) => client.expireat(connection.keys.key(key), unixSeconds))) === 1;
}

/**
 * Sends `TTL key`.
 * @returns seconds left, -1 when the key has no expiry, -2 when it is missing (Redis's values).
 */
export async function getTtl(connection: RedisConnection, key: string): Promise<number> {
  assertKey(key, "getTtl");
  return connection.execute("getTtl", key, (client) => client.ttl(connection.keys.key(key)));
}

/**
 * Sends `PERSIST key`.
 * @returns true when an expiry was removed.
 */
export async function persist(connection: RedisConnection, key: string): Promise<boolean> {
  assertKey(key, "persist");
  return (await connection.execute("persist", key, (client) => client.persist(connection.keys.key(key)))) === 1;
}
