import { leadingKeys, luaScript, scriptCommand, type RedisCommand } from "@redis-interface/core";
import type { DelReply, RedisValue } from "../types.js";
import { isOne, toDelReply, toNumber, toVoid } from "./replies.js";

/** DEL of each key, with one reply per key (a multi-key DEL only returns a total). */
const DELETE_EACH = luaScript(`
local call = redis.call
local removed = {}
for index, key in ipairs(KEYS) do removed[index] = call('DEL', key) end
return removed
`);

/**
 * `SET key value <unit> ttl` for each key, in order: one script, so the keys of one slot are all
 * written with their expiry or none is. ARGV is `unit ttl value…` (SET overwrites any type, so
 * nothing fails half way).
 */
const SET_EACH_WITH_EXPIRY_SCRIPT = luaScript(`
local call = redis.call
local unit, ttl = ARGV[1], ARGV[2]
for index, key in ipairs(KEYS) do call('SET', key, ARGV[index + 2], unit, ttl) end
return #KEYS
`);

/** The values of `primary` with its nulls filled from `fallback` (same positions). */
function fillMissing(primary: ReadonlyArray<string | null>, fallback: ReadonlyArray<string | null>): Array<string | null> {
  return primary.map((value, index) => value ?? fallback[index] ?? null);
}

/**
 * `MGET key…` (the keys of one cluster slot): the values in the order of `keys`, null where a key
 * is missing. A reply with a null is a miss: a view with a read fallback sends the MGET again under
 * the fallback's names, and the result keeps this view's values, filling only its nulls from the
 * fallback's reply. For that `miss` remembers the first reply it is shown, so build one command per
 * call (the fallback's names must share a slot too: see `slotGroups`).
 */
export function MGET(keys: readonly string[]): RedisCommand<Array<string | null>> {
  let primary: Array<string | null> | undefined;
  return {
    name: "MGET",
    args: keys,
    keys: leadingKeys(keys.length),
    miss: (reply) => {
      const values = reply as Array<string | null>;
      primary ??= values;
      return values.includes(null);
    },
    transform: (reply) => {
      const values = reply as Array<string | null>;
      return primary === undefined || primary === values ? values : fillMissing(primary, values);
    },
  };
}

function toDelReplies(reply: unknown): DelReply[] {
  return (reply as unknown[]).map(toDelReply);
}

/** One script: `DEL key` for each key (of one cluster slot). @returns a `DelReply` per key, in order. */
export function DEL_EACH(keys: readonly string[]): RedisCommand<DelReply[]> {
  return scriptCommand(DELETE_EACH, keys, [], toDelReplies);
}

/** `MSETNX k1 v1 k2 v2 …` (the keys of one cluster slot): true when every key was set, false when none was. */
export function MSETNX(entries: ReadonlyArray<readonly [string, RedisValue]>): RedisCommand<boolean> {
  const args: RedisValue[] = [];
  const keys: number[] = [];
  for (const [key, value] of entries) {
    keys.push(args.length);
    args.push(key, value);
  }
  return { name: "MSETNX", args, keys, transform: isOne };
}

/** `UNLINK key…` (the keys of one cluster slot): how many keys were removed (their memory is freed in the background). */
export function UNLINK(keys: readonly string[]): RedisCommand<number> {
  return { name: "UNLINK", args: keys, keys: leadingKeys(keys.length), transform: toNumber };
}

/** The unit of a TTL as SET takes it: `EX` seconds or `PX` milliseconds. */
export type ExpiryUnit = "EX" | "PX";

/**
 * One script: `SET key value <unit> ttl` for each key (of one cluster slot), in order; a key given
 * twice ends with its last value. `values[i]` is the value of `keys[i]`.
 */
export function SET_EACH_WITH_EXPIRY(keys: readonly string[], values: readonly RedisValue[], unit: ExpiryUnit, ttl: number): RedisCommand<void> {
  return scriptCommand(SET_EACH_WITH_EXPIRY_SCRIPT, keys, [unit, ttl, ...values], toVoid);
}
