import { FIRST_KEY, type RedisCommand } from "@redis-interface/core";
import type { RedisValue, ScoredMember } from "../types.js";

/** A score bound as the caller gives it: a number (±Infinity allowed), `-inf` or `+inf`. */
export type ScoreBound = number | "-inf" | "+inf";

/** A score as Redis sends it (a string in RESP2 shapes, a number in RESP3 shapes; `inf`/`-inf` for infinities). */
export function parseScore(raw: unknown): number {
  if (typeof raw === "number") return raw;
  const text = Buffer.isBuffer(raw) ? raw.toString() : String(raw);
  if (text === "inf" || text === "+inf") return Infinity;
  if (text === "-inf") return -Infinity;
  return Number(text);
}

/**
 * A WITHSCORES reply in either shape ioredis may give: pairs `[[member, score], …]` (RESP3, what
 * the pool's connections get) or flat `[member, score, …]` (RESP2).
 */
export function scoredMembers(reply: unknown): ScoredMember[] {
  if (!Array.isArray(reply)) return [];
  const result: ScoredMember[] = [];
  if (reply.length > 0 && Array.isArray(reply[0])) {
    for (const pair of reply as unknown[][]) result.push({ member: String(pair[0]), score: parseScore(pair[1]) });
    return result;
  }
  for (let index = 0; index + 1 < reply.length; index += 2) result.push({ member: String(reply[index]), score: parseScore(reply[index + 1]) });
  return result;
}

function scoreOrNull(reply: unknown): number | null {
  return reply === null || reply === undefined ? null : parseScore(reply);
}

/** A bound as Redis reads it: ±Infinity as `+inf` / `-inf`. */
function bound(value: ScoreBound): string | number {
  if (value === Infinity) return "+inf";
  if (value === -Infinity) return "-inf";
  return value;
}

/** `ZADD key score member …` (in the order given): how many members were new. */
export function ZADD(key: string, members: readonly ScoredMember[]): RedisCommand<number> {
  const args: RedisValue[] = [key];
  for (const { member, score } of members) args.push(score, member);
  return { name: "ZADD", args, keys: FIRST_KEY };
}

/** `ZRANGE key start stop WITHSCORES` (by rank): `[{ member, score }]`. */
export function ZRANGE_WITHSCORES(key: string, start: number, stop: number): RedisCommand<ScoredMember[]> {
  return { name: "ZRANGE", args: [key, start, stop, "WITHSCORES"], keys: FIRST_KEY, transform: scoredMembers };
}

/** `ZRANGE key min max BYSCORE [LIMIT offset count] WITHSCORES`: `[{ member, score }]`, lowest score first. */
export function ZRANGE_BYSCORE(key: string, min: ScoreBound, max: ScoreBound, limit?: { readonly offset: number; readonly count: number }): RedisCommand<ScoredMember[]> {
  const args: RedisValue[] =
    limit === undefined
      ? [key, bound(min), bound(max), "BYSCORE", "WITHSCORES"]
      : [key, bound(min), bound(max), "BYSCORE", "LIMIT", limit.offset, limit.count, "WITHSCORES"];
  return { name: "ZRANGE", args, keys: FIRST_KEY, transform: scoredMembers };
}

/** `ZSCORE key member`: the score as a number (±Infinity for `inf`), or null. */
export function ZSCORE(key: string, member: RedisValue): RedisCommand<number | null> {
  return { name: "ZSCORE", args: [key, member], keys: FIRST_KEY, transform: scoreOrNull };
}

/** `ZREM key member…`: how many members were removed. */
export function ZREM(key: string, members: readonly RedisValue[]): RedisCommand<number> {
  return { name: "ZREM", args: [key, ...members], keys: FIRST_KEY };
}

/** `ZCARD key`: the number of members (0 when missing). */
export function ZCARD(key: string): RedisCommand<number> {
  return { name: "ZCARD", args: [key], keys: FIRST_KEY };
}
