import type { RedisConnection } from "@redis-interface/core";
import { assertKey, assertValue, assertValues } from "@redis-interface/core/internal";
import { SADD, SCARD, SISMEMBER, SMEMBERS, SREM } from "./commands/sets.js";
import { keyOperation } from "./key-operation.js";
import type { RedisValue } from "./types.js";

/**
 * `SADD key member…` (no TTL is set).
 * @returns how many members were new (0 when all were already there; any count, unlike the original).
 * @throws RedisError `INVALID_ARGUMENT` for an empty key, an empty list or a member that is not a
 * string, a finite number or a Buffer, before any I/O; `WRONG_TYPE` when the key holds another type; the pool's errors.
 */
export const sadd =
  (connection: RedisConnection) =>
  async (key: string, members: readonly RedisValue[]): Promise<number> => {
    assertKey(key, "sadd");
    assertValues(members, "sadd", key, "members");
    return connection.send("sadd", SADD(key, members));
  };

/**
 * `SMEMBERS key`.
 * @returns every member as a string, in Redis's (unspecified) order; `[]` when the key is missing.
 * @throws RedisError `INVALID_ARGUMENT` for an empty key; `WRONG_TYPE` when the key holds another type; the pool's errors.
 */
export const smembers = keyOperation("smembers", SMEMBERS);

/**
 * `SISMEMBER key member`.
 * @returns true when `member` is in the set (false when the key is missing).
 * @throws RedisError `INVALID_ARGUMENT` for an empty key or a bad member; `WRONG_TYPE` when the key holds another type; the pool's errors.
 */
export const sismember =
  (connection: RedisConnection) =>
  async (key: string, member: RedisValue): Promise<boolean> => {
    assertKey(key, "sismember");
    assertValue(member, "sismember", key, "member");
    return connection.send("sismember", SISMEMBER(key, member));
  };

/**
 * `SREM key member…` (Redis deletes the key when its last member goes).
 * @returns how many members were removed.
 * @throws RedisError `INVALID_ARGUMENT` as `sadd`; `WRONG_TYPE` when the key holds another type; the pool's errors.
 */
export const srem =
  (connection: RedisConnection) =>
  async (key: string, members: readonly RedisValue[]): Promise<number> => {
    assertKey(key, "srem");
    assertValues(members, "srem", key, "members");
    return connection.send("srem", SREM(key, members));
  };

/**
 * `SCARD key`.
 * @returns the number of members (0 when the key is missing).
 * @throws RedisError `INVALID_ARGUMENT` for an empty key; `WRONG_TYPE` when the key holds another type; the pool's errors.
 */
export const scard = keyOperation("scard", SCARD);
