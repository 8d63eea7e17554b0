import type { RedisConnection } from "@redis-interface/core";
import { assertInteger, assertKey } from "@redis-interface/core/internal";
import { assertTtl } from "./checks.js";
import { INCRBY, INCRBY_WITH_TTL } from "./commands/counters.js";

/** `INCRBY key by`, or with `ttl` the script that also starts the counter's expiry; arguments checked but `by`. */
function add(connection: RedisConnection, operation: string, key: string, by: number, ttl: number | undefined): Promise<number> {
  assertKey(key, operation);
  if (ttl === undefined) return connection.send(operation, INCRBY(key, by));
  assertTtl(ttl, operation, key);
  return connection.send(operation, INCRBY_WITH_TTL(key, by, ttl));
}

/**
 * Atomic counter (attempt limits, rate windows): `INCRBY key by`; with `ttl`, in the same Lua
 * step, `EXPIRE key ttl` when the counter has no expiry yet, so the window starts with the first
 * increment and later increments do not extend it.
 * @returns the value after incrementing.
 * @throws RedisError `INVALID_ARGUMENT` for a non-integer `by` or a bad TTL, before any I/O;
 * `COMMAND_FAILED` (`ERR value is not an integer`) when the key holds a non-numeric string; `WRONG_TYPE`; the pool's errors.
 */
export const incrementKey =
  (connection: RedisConnection) =>
  async (key: string, by = 1, ttl?: number): Promise<number> => {
    assertInteger(by, "incrementKey", key, "increment");
    return add(connection, "incrementKey", key, by, ttl);
  };

/**
 * Atomic `DECRBY key by` (sent as `INCRBY key -by`), with the same TTL rule as `incrementKey`.
 * @returns the value after decrementing.
 * @throws RedisError as `incrementKey`.
 */
export const decrementKey =
  (connection: RedisConnection) =>
  async (key: string, by = 1, ttl?: number): Promise<number> => {
    assertInteger(by, "decrementKey", key, "decrement");
    return add(connection, "decrementKey", key, -by, ttl);
  };
