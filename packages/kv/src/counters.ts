import { luaScript, runScript, type RedisConnection } from "@redis-interface/core";
import { assertInteger, assertKey, assertTtl } from "./validate.js";

/** INCRBY, then an expiry for a counter that has none: one atomic step. */
const INCREMENT_WITH_TTL = luaScript(`
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if redis.call('TTL', KEYS[1]) == -1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return value
`);

async function add(connection: RedisConnection, operation: string, key: string, by: number, ttl: number | undefined): Promise<number> {
  assertKey(key, operation);
  assertInteger(by, operation, key, "increment");
  if (ttl !== undefined) assertTtl(ttl, operation, key);
  const redisKey = connection.keys.key(key);
  if (ttl === undefined) return connection.execute(operation, key, (client) => client.incrby(redisKey, by));
  return connection.execute(operation, key, async (client) => Number(await runScript(client, INCREMENT_WITH_TTL, [redisKey], [by, ttl])));
}

/**
 * Atomic counter (attempt limits, rate windows): `INCRBY key by`; with `ttl`, in the same Lua
 * step, `EXPIRE key ttl` when the counter has no expiry yet, so the window starts with the
 * first increment and later increments do not extend it.
 * @returns the value after incrementing.
 * @throws RedisError `INVALID_ARGUMENT` for a non-integer `by` or bad TTL; `COMMAND_FAILED`
 * (`ERR value is not an integer`) when the key holds a non-numeric string; `WRONG_TYPE`.
 */
export async function incrementKey(connection: RedisConnection, key: string, by = 1, ttl?: number): Promise<number> {
  return add(connection, "incrementKey", key, by, ttl);
}

/**
 * Atomic `DECRBY key by` (as `INCRBY key -by`), with the same TTL rule as `incrementKey`.
 * @returns the value after decrementing.
 * @throws RedisError as `incrementKey`.
 */
export async function decrementKey(connection: RedisConnection, key: string, by = 1, ttl?: number): Promise<number> {
  assertInteger(by, "decrementKey", key, "decrement");
  return add(connection, "decrementKey", key, -by, ttl);
}
