import { FIRST_KEY, luaScript, scriptCommand, type RedisCommand } from "@redis-interface/core";
import { toNumber } from "./replies.js";

/** INCRBY, then an expiry for a counter that has none: one atomic step. */
const INCREMENT_WITH_TTL = luaScript(`
local call = redis.call
local value = call('INCRBY', KEYS[1], ARGV[1])
if call('TTL', KEYS[1]) == -1 then call('EXPIRE', KEYS[1], ARGV[2]) end
return value
`);

/** `INCRBY key by` (a negative `by` decrements): the value after the step. */
export function INCRBY(key: string, by: number): RedisCommand<number> {
  return { name: "INCRBY", args: [key, by], keys: FIRST_KEY };
}

/**
 * One script: `INCRBY key by`, then `EXPIRE key seconds` when the key has no expiry yet (the
 * window starts at the first step, later steps do not extend it).
 * @returns the value after the step.
 */
export function INCRBY_WITH_TTL(key: string, by: number, seconds: number): RedisCommand<number> {
  return scriptCommand(INCREMENT_WITH_TTL, [key], [by, seconds], toNumber);
}
