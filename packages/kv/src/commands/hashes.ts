import { FIRST_KEY, luaScript, scriptCommand, type RedisCommand } from "@redis-interface/core";
import type { RedisValue, SetnxReply } from "../types.js";
import { isNull, setFlagToSetnxReply, toNumber, toNumbers } from "./replies.js";

/**
 * HSET in chunks (Lua's `unpack` takes a few thousand values at most), then EXPIRE: one script,
 * so the fields never exist without an expiry, and a failing HSET (WRONGTYPE) stops the script
 * before anything is written or expired.
 */
const HSET_THEN_EXPIRE = luaScript(`
local call = redis.call
local added = 0
for first = 2, #ARGV, 1000 do
  added = added + call('HSET', KEYS[1], unpack(ARGV, first, math.min(first + 999, #ARGV)))
end
call('EXPIRE', KEYS[1], ARGV[1])
return added
`);

/** HSETNX, then EXPIRE only when the field was set: a field that exists keeps the hash's TTL. */
const HSETNX_THEN_EXPIRE = luaScript(`
local call = redis.call
local set = call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
if set == 1 then
  call('EXPIRE', KEYS[1], ARGV[3])
end
return set
`);

/**
 * Checks every field first (the key's type, each existing value an integer), then HINCRBY per
 * field: one script, so either every increment is applied or none is.
 */
const HINCRBY_ALL_OR_NOTHING = luaScript(`
local call = redis.call
for index = 1, #ARGV, 2 do
  local current = call('HGET', KEYS[1], ARGV[index])
  if current and not string.match(current, '^%-?%d+$') then
    return redis.error_reply('ERR hash value is not an integer (field ' .. ARGV[index] .. ')')
  end
end
local results = {}
for index = 1, #ARGV, 2 do
  results[#results + 1] = call('HINCRBY', KEYS[1], ARGV[index], ARGV[index + 1])
end
return results
`);

/**
 * One script: `HSET key f1 v1 …` (in chunks of 500 pairs) then `EXPIRE key seconds`; ARGV is
 * `seconds f1 v1 …`.
 * @returns how many fields were new.
 */
export function HSET_WITH_EXPIRY(key: string, pairs: ReadonlyArray<readonly [string, RedisValue]>, seconds: number): RedisCommand<number> {
  const args: RedisValue[] = [seconds];
  for (const [field, value] of pairs) args.push(field, value);
  return scriptCommand(HSET_THEN_EXPIRE, [key], args, toNumber);
}

/** One script: `HSETNX key field value`, and only when it set the field, `EXPIRE key seconds`. */
export function HSETNX_WITH_EXPIRY(key: string, field: string, value: RedisValue, seconds: number): RedisCommand<SetnxReply> {
  return scriptCommand(HSETNX_THEN_EXPIRE, [key], [field, value, seconds], setFlagToSetnxReply);
}

/** `HGET key field`: the value, or null (a miss a view's read fallback retries). */
export function HGET(key: string, field: string): RedisCommand<string | null> {
  return { name: "HGET", args: [key, field], keys: FIRST_KEY, miss: isNull };
}

/** An empty HGETALL reply: a missing key (a miss a view's read fallback retries). */
function isEmptyHash(reply: unknown): boolean {
  return (reply as unknown[]).length === 0;
}

/** The flat `[field, value, …]` HGETALL reply as a record (a `__proto__` field stays data). */
function hashRecord(reply: unknown): Record<string, string> {
  const flat = reply as string[];
  const record: Record<string, string> = {};
  for (let index = 0; index + 1 < flat.length; index += 2) {
    const field = flat[index] as string;
    const value = flat[index + 1] as string;
    if (field === "__proto__") Object.defineProperty(record, field, { value, enumerable: true, writable: true, configurable: true });
    else record[field] = value;
  }
  return record;
}

/** `HGETALL key` (a flat array through ioredis, for RESP2 and RESP3 alike): every field; `{}` when missing. */
export function HGETALL(key: string): RedisCommand<Record<string, string>> {
  return { name: "HGETALL", args: [key], keys: FIRST_KEY, transform: hashRecord, miss: isEmptyHash };
}

/** One script: `HINCRBY key field by` for each pair, all or nothing (see the script). @returns the new values, in order. */
export function HINCRBY_EACH(key: string, increments: ReadonlyArray<readonly [string, number]>): RedisCommand<number[]> {
  const args: Array<string | number> = [];
  for (const [field, by] of increments) args.push(field, by);
  return scriptCommand(HINCRBY_ALL_OR_NOTHING, [key], args, toNumbers);
}

/** `HDEL key field…`: how many fields existed and were removed. */
export function HDEL(key: string, fields: readonly string[]): RedisCommand<number> {
  return { name: "HDEL", args: [key, ...fields], keys: FIRST_KEY };
}

/** One HSCAN page: the cursor to send next (`"0"` at the end) and the page's `[field, value, …]`. */
export interface HashScanPage {
  readonly cursor: string;
  readonly fieldsAndValues: readonly string[];
}

function hashScanPage(reply: unknown): HashScanPage {
  const [cursor, fieldsAndValues] = reply as [string, string[]];
  return { cursor, fieldsAndValues };
}

/** `HSCAN key cursor MATCH pattern [COUNT count]` (the pattern is on field names: never prefixed). */
export function HSCAN(key: string, cursor: string, pattern: string, count?: number): RedisCommand<HashScanPage> {
  const args: RedisValue[] = count === undefined ? [key, cursor, "MATCH", pattern] : [key, cursor, "MATCH", pattern, "COUNT", count];
  return { name: "HSCAN", args, keys: FIRST_KEY, transform: hashScanPage };
}
