import type { RedisConnection } from "@redis-interface/core";
import {
  assertInteger,
  assertKey,
  assertNonNegativeInteger,
  assertPositiveInteger,
  assertValue,
  assertValues,
  describeArgument,
  invalidArgument,
  optionsObject,
} from "@redis-interface/core/internal";
import { ZADD, ZCARD, ZRANGE_BYSCORE, ZRANGE_WITHSCORES, ZREM, ZSCORE, type ScoreBound } from "./commands/sorted-sets.js";
import { keyOperation } from "./key-operation.js";
import type { ScoredMember } from "./types.js";

/** Checks the `{ member, score }` entries of `zadd`. @throws RedisError `INVALID_ARGUMENT`. */
function assertScoredMembers(members: unknown, key: string): asserts members is readonly ScoredMember[] {
  if (!Array.isArray(members)) throw invalidArgument("zadd", key, `members must be an array of { member, score }, got ${describeArgument(members)}`);
  if (members.length === 0) throw invalidArgument("zadd", key, "members must not be empty");
  for (const entry of members as unknown[]) {
    if (typeof entry !== "object" || entry === null) throw invalidArgument("zadd", key, "each member must be a { member, score } object");
    const { member, score } = entry as { member?: unknown; score?: unknown };
    assertValue(member, "zadd", key, "member");
    if (typeof score !== "number" || !Number.isFinite(score)) throw invalidArgument("zadd", key, `score must be a finite number, got ${describeArgument(score)}`);
  }
}

/** Checks a score bound: a number that is not NaN (±Infinity allowed), `-inf` or `+inf`. @throws RedisError `INVALID_ARGUMENT`. */
function assertScoreBound(bound: unknown, key: string, what: string): asserts bound is ScoreBound {
  if (bound === "-inf" || bound === "+inf" || (typeof bound === "number" && !Number.isNaN(bound))) return;
  throw invalidArgument("zrangeByScore", key, `${what} must be a number, "-inf" or "+inf", got ${describeArgument(bound)}`);
}

/**
 * `ZADD key score member …` (no TTL is set; an existing member gets the new score).
 * @returns how many members were new (members whose score changed are not counted).
 * @throws RedisError `INVALID_ARGUMENT` for an empty key, an empty list, a bad member or a score
 * that is not a finite number, before any I/O; `WRONG_TYPE` when the key holds another type; the pool's errors.
 */
export const zadd =
  (connection: RedisConnection) =>
  async (key: string, members: readonly ScoredMember[]): Promise<number> => {
    assertKey(key, "zadd");
    assertScoredMembers(members, key);
    return connection.send("zadd", ZADD(key, members));
  };

/**
 * `ZRANGE key start stop WITHSCORES`: members by rank, lowest score first (inclusive indexes;
 * negative ones count from the end).
 * @returns `[{ member, score }]`; `[]` when the key is missing or the range is empty.
 * @throws RedisError `INVALID_ARGUMENT` for an empty key or a non-integer index; `WRONG_TYPE` when
 * the key holds another type; the pool's errors.
 */
export const zrange =
  (connection: RedisConnection) =>
  async (key: string, start: number, stop: number): Promise<ScoredMember[]> => {
    assertKey(key, "zrange");
    assertInteger(start, "zrange", key, "start");
    assertInteger(stop, "zrange", key, "stop");
    return connection.send("zrange", ZRANGE_WITHSCORES(key, start, stop));
  };

/**
 * `ZRANGE key min max BYSCORE [LIMIT offset count] WITHSCORES`: members with `min <= score <= max`,
 * lowest score first.
 * @param min a number or `'-inf'` (`-Infinity` is sent as `-inf`).
 * @param max a number or `'+inf'` (`Infinity` is sent as `+inf`).
 * @param limit skip `offset` (a non-negative integer) matches, then return at most `count` (a positive integer).
 * @returns `[{ member, score }]`; `[]` when the key is missing or nothing matches.
 * @throws RedisError `INVALID_ARGUMENT` for an empty key, a bound that is NaN or another string, or
 * a bad limit (unknown fields included); `WRONG_TYPE` when the key holds another type; the pool's errors.
 */
export const zrangeByScore =
  (connection: RedisConnection) =>
  async (key: string, min: number | "-inf", max: number | "+inf", limit?: { offset: number; count: number }): Promise<ScoredMember[]> => {
    const operation = "zrangeByScore";
    assertKey(key, operation);
    assertScoreBound(min, key, "min");
    assertScoreBound(max, key, "max");
    if (limit !== undefined) {
      if (typeof limit !== "object" || limit === null) throw invalidArgument(operation, key, `limit must be { offset, count }, got ${describeArgument(limit)}`);
      const { offset, count } = optionsObject(limit, ["offset", "count"], operation, key);
      assertNonNegativeInteger(offset, operation, key, "limit.offset");
      assertPositiveInteger(count, operation, key, "limit.count");
    }
    return connection.send(operation, ZRANGE_BYSCORE(key, min, max, limit));
  };

/**
 * `ZSCORE key member`.
 * @returns the member's score (±Infinity for infinite scores), or null when the member or the key is missing.
 * @throws RedisError `INVALID_ARGUMENT` for an empty key or a bad member; `WRONG_TYPE` when the key
 * holds another type; the pool's errors.
 */
export const zscore =
  (connection: RedisConnection) =>
  async (key: string, member: string): Promise<number | null> => {
    assertKey(key, "zscore");
    assertValue(member, "zscore", key, "member");
    return connection.send("zscore", ZSCORE(key, member));
  };

/**
 * `ZREM key member…` (Redis deletes the key when its last member goes).
 * @returns how many members were removed.
 * @throws RedisError `INVALID_ARGUMENT` for an empty key, an empty list or a bad member;
 * `WRONG_TYPE` when the key holds another type; the pool's errors.
 */
export const zrem =
  (connection: RedisConnection) =>
  async (key: string, members: readonly string[]): Promise<number> => {
    assertKey(key, "zrem");
    assertValues(members, "zrem", key, "members");
    return connection.send("zrem", ZREM(key, members));
  };

/**
 * `ZCARD key`.
 * @returns the number of members (0 when the key is missing).
 * @throws RedisError `INVALID_ARGUMENT` for an empty key; `WRONG_TYPE` when the key holds another type; the pool's errors.
 */
export const zcard = keyOperation("zcard", ZCARD);
