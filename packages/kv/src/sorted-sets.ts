import { RedisError, type RedisConnection } from "@redis-interface/core";
import type { ScoredMember } from "./types.js";
import { assertInteger, assertKey, assertNotEmpty, assertValue, assertValues } from "./validate.js";

type ScoreBound = number | "-inf" | "+inf";

function invalid(operation: string, key: string, message: string): RedisError {
  return new RedisError("INVALID_ARGUMENT", { operation, key, message });
}

/** Checks the `{ member, score }` entries of `zadd` and flattens them to `score member …`. */
function zaddArguments(members: unknown, key: string): Array<string | number | Buffer> {
  if (!Array.isArray(members)) throw invalid("zadd", key, "members must be an array of { member, score }");
  assertNotEmpty(members.length, "zadd", key, "members");
  const args: Array<string | number | Buffer> = [];
  for (const entry of members as unknown[]) {
    if (typeof entry !== "object" || entry === null) throw invalid("zadd", key, "each member must be a { member, score } object");
    const { member, score } = entry as { member?: unknown; score?: unknown };
    assertValue(member, "zadd", key, "member");
    if (typeof score !== "number" || !Number.isFinite(score)) throw invalid("zadd", key, `score must be a finite number, got ${String(score)}`);
    args.push(score, member);
  }
  return args;
}

/** A score bound as Redis reads it: a finite number, `-inf` or `+inf` (±Infinity map to the latter). */
function scoreBound(bound: unknown, operation: string, key: string, what: string): string | number {
  if (bound === "-inf" || bound === "+inf") return bound;
  if (typeof bound === "number" && !Number.isNaN(bound)) {
    if (bound === Infinity) return "+inf";
    if (bound === -Infinity) return "-inf";
    return bound;
  }
  throw invalid(operation, key, `${what} must be a number, "-inf" or "+inf", got ${String(bound)}`);
}

/** A score as Redis sends it (a string in RESP2 shapes, a number in RESP3 shapes; `inf`/`-inf` for infinities). */
function parseScore(raw: unknown): number {
  if (typeof raw === "number") return raw;
  const text = Buffer.isBuffer(raw) ? raw.toString() : String(raw);
  if (text === "inf" || text === "+inf") return Infinity;
  if (text === "-inf") return -Infinity;
  return Number(text);
}

/**
 * Reads a WITHSCORES reply in either shape ioredis may give: flat `[member, score, …]` (RESP2
 * and RESP3 with legacy mapping) or pairs `[[member, score], …]` (RESP3 mapping).
 */
function scoredMembers(reply: unknown): ScoredMember[] {
  if (!Array.isArray(reply)) return [];
  const result: ScoredMember[] = [];
  if (reply.length > 0 && Array.isArray(reply[0])) {
    for (const pair of reply as unknown[][]) result.push({ member: String(pair[0]), score: parseScore(pair[1]) });
    return result;
  }
  for (let i = 0; i + 1 < reply.length; i += 2) result.push({ member: String(reply[i]), score: parseScore(reply[i + 1]) });
  return result;
}

/**
 * Sends `ZADD key score member …` (no TTL is set; an existing member gets the new score).
 * @returns how many members were new (members whose score changed are not counted).
 * @throws RedisError `INVALID_ARGUMENT` for an empty key, an empty list, a bad member or a score
 *   that is not a finite number; `WRONG_TYPE` when the key holds another type.
 */
export async function zadd(connection: RedisConnection, key: string, members: readonly ScoredMember[]): Promise<number> {
  assertKey(key, "zadd");
  const args = zaddArguments(members, key);
  return connection.execute("zadd", key, (client) => client.zadd(connection.keys.key(key), ...args));
}

/**
 * Sends `ZRANGE key start stop WITHSCORES`: members by rank, lowest score first (inclusive
 * indexes; negative ones count from the end).
 * @returns `[{ member, score }]`; `[]` when the key is missing or the range is empty.
 * @throws RedisError `INVALID_ARGUMENT` for an empty key or a non-integer index; `WRONG_TYPE` when
 *   the key holds another type.
 */
export async function zrange(connection: RedisConnection, key: string, start: number, stop: number): Promise<ScoredMember[]> {
  assertKey(key, "zrange");
  assertInteger(start, "zrange", key, "start");
  assertInteger(stop, "zrange", key, "stop");
  const reply = await connection.execute("zrange", key, (client) => client.zrange(connection.keys.key(key), start, String(stop), "WITHSCORES"));
  return scoredMembers(reply);
}

/**
 * Sends `ZRANGE key min max BYSCORE WITHSCORES [LIMIT offset count]`: members with
 * `min <= score <= max`, lowest score first.
 * @param min a number or `'-inf'` (`-Infinity` is sent as `-inf`).
 * @param max a number or `'+inf'` (`Infinity` is sent as `+inf`).
 * @param limit skip `offset` (a non-negative integer) matches, then return at most `count` (a positive integer).
 * @returns `[{ member, score }]`; `[]` when the key is missing or nothing matches.
 * @throws RedisError `INVALID_ARGUMENT` for an empty key, a bound that is NaN or another string,
 *   or a bad limit; `WRONG_TYPE` when the key holds another type.
 */
export async function zrangeByScore(
  connection: RedisConnection,
  key: string,
  min: number | "-inf",
  max: number | "+inf",
  limit?: { offset: number; count: number },
): Promise<ScoredMember[]> {
  assertKey(key, "zrangeByScore");
  const low = scoreBound(min, "zrangeByScore", key, "min");
  const high = String(scoreBound(max, "zrangeByScore", key, "max"));
  if (limit !== undefined) {
    if (typeof limit !== "object" || limit === null) throw invalid("zrangeByScore", key, "limit must be { offset, count }");
    assertInteger(limit.offset, "zrangeByScore", key, "limit.offset");
    assertInteger(limit.count, "zrangeByScore", key, "limit.count");
    if (limit.offset < 0) throw invalid("zrangeByScore", key, `limit.offset must not be negative, got ${limit.offset}`);
    if (limit.count <= 0) throw invalid("zrangeByScore", key, `limit.count must be a positive integer, got ${limit.count}`);
  }
  const redisKey = connection.keys.key(key);
  const reply = await connection.execute("zrangeByScore", key, (client) =>
    limit === undefined
      ? client.zrange(redisKey, low, high, "BYSCORE", "WITHSCORES")
      : client.zrange(redisKey, low, high, "BYSCORE", "LIMIT", limit.offset, limit.count, "WITHSCORES"),
  );
  return scoredMembers(reply);
}

/**
 * Sends `ZSCORE key member`.
 * @returns the member's score, or null when the member or the key is missing.
 * @throws RedisError `INVALID_ARGUMENT` for an empty key or a bad member; `WRONG_TYPE` when the key
 *   holds another type.
 */
export async function zscore(connection: RedisConnection, key: string, member: string): Promise<number | null> {
  assertKey(key, "zscore");
  assertValue(member, "zscore", key, "member");
  const reply: unknown = await connection.execute("zscore", key, (client) => client.zscore(connection.keys.key(key), member));
  return reply === null || reply === undefined ? null : parseScore(reply);
}

/**
 * Sends `ZREM key member…` (Redis deletes the key when its last member goes).
 * @returns how many members were removed.
 * @throws RedisError `INVALID_ARGUMENT` for an empty key, an empty list or a bad member;
 *   `WRONG_TYPE` when the key holds another type.
 */
export async function zrem(connection: RedisConnection, key: string, members: readonly string[]): Promise<number> {
  assertKey(key, "zrem");
  assertValues(members, "zrem", key, "member");
  return connection.execute("zrem", key, (client) => client.zrem(connection.keys.key(key), ...members));
}

/**
 * Sends `ZCARD key`.
 * @returns the number of members (0 when the key is missing).
 * @throws RedisError `INVALID_ARGUMENT` for an empty key; `WRONG_TYPE` when the key holds another type.
 */
export async function zcard(connection: RedisConnection, key: string): Promise<number> {
  assertKey(key, "zcard");
  return connection.execute("zcard", key, (client) => client.zcard(connection.keys.key(key)));
}
