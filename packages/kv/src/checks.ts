import { RedisError, encodeValue, type RedisConnection } from "@redis-interface/core";
import { assertKey, assertName, assertPositiveInteger, assertValue, describeArgument, invalidArgument, optionsObject } from "@redis-interface/core/internal";
import type { ExpiryUnit } from "./commands/multi-key.js";
import type { ExpiryOptions } from "./types.js";

/**
 * kv's argument checks beyond core's, in one place: TTLs, pair lists, and the "error or nothing"
 * forms the hot-path functions use to reject without an `async` wrapper or a closure per call.
 */

/**
 * Checks a TTL in seconds (or a timestamp): a positive integer. Redis rejects 0, a negative TTL
 * deletes the key, and a fraction would be truncated.
 * @throws RedisError `INVALID_ARGUMENT` naming the operation and key.
 */
export function assertTtl(seconds: unknown, operation: string, key: string | undefined, what = "TTL"): asserts seconds is number {
  assertPositiveInteger(seconds, operation, key, what);
}

/** How a millisecond TTL is named in errors. */
export const MS_TTL = "TTL in milliseconds";

/**
 * Checks a TTL in milliseconds (or a Unix time in milliseconds): a positive safe integer. Every
 * safe integer is within Redis's range (it refuses only what overflows a 64-bit time), so no
 * other bound applies.
 * @throws RedisError `INVALID_ARGUMENT` naming the operation and key.
 */
export function assertTtlMs(ms: unknown, operation: string, key: string | undefined, what = MS_TTL): asserts ms is number {
  assertPositiveInteger(ms, operation, key, what);
}

/**
 * Checks `{ seconds }` or `{ ms }` (exactly one, a positive integer; no other option name).
 * @returns the unit SET takes and the amount.
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function expiryOf(options: ExpiryOptions, operation: string): { unit: ExpiryUnit; ttl: number } {
  if (options === undefined) throw invalidArgument(operation, undefined, "an expiry { seconds } or { ms } is required");
  const { seconds, ms } = optionsObject(options as { seconds?: unknown; ms?: unknown }, ["seconds", "ms"], operation);
  if (seconds !== undefined && ms !== undefined) throw invalidArgument(operation, undefined, "give either seconds or ms, not both");
  if (seconds !== undefined) {
    assertTtl(seconds, operation, undefined, "seconds");
    return { unit: "EX", ttl: seconds };
  }
  if (ms === undefined) throw invalidArgument(operation, undefined, "an expiry { seconds } or { ms } is required");
  assertTtlMs(ms, operation, undefined, "ms");
  return { unit: "PX", ttl: ms };
}

/** `seconds`, or `fallback` when it is omitted, checked by `assertTtl`. @throws RedisError `INVALID_ARGUMENT`. */
export function ttlOrDefault(seconds: number | undefined, fallback: number, operation: string, key: string | undefined): number {
  const ttl = seconds === undefined ? fallback : seconds;
  assertTtl(ttl, operation, key);
  return ttl;
}

/**
 * Checks the key, field and TTL of a write to one hash field.
 * @returns the TTL: `ttl`, or `settings.defaultHashTtl` when it is omitted.
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function hashFieldTtl(connection: RedisConnection, key: unknown, field: unknown, ttl: number | undefined, operation: string): number {
  assertKey(key, operation);
  assertName(field, operation, key, "field");
  return ttlOrDefault(ttl, connection.settings.defaultHashTtl, operation, key);
}

/**
 * Checks a list of two-element arrays (`[field, value]`, `[key, value]`, `[field, by]`); the
 * elements themselves are the caller's to check.
 * @param what the argument's name (`values`); `shape` how one entry looks (`[field, value]`).
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function assertPairs(pairs: unknown, operation: string, key: string | undefined, what: string, shape: string): asserts pairs is ReadonlyArray<readonly [unknown, unknown]> {
  if (!Array.isArray(pairs)) throw invalidArgument(operation, key, `${what} must be an array of ${shape} pairs, got ${describeArgument(pairs)}`);
  for (const pair of pairs as unknown[]) {
    if (!Array.isArray(pair) || pair.length !== 2) throw invalidArgument(operation, key, `each entry of ${what} must be a ${shape} pair`);
  }
}

/** The `INVALID_ARGUMENT` error for a bad key (or, with `what`, a bad `name` such as a type name), or undefined. */
export function keyError(key: unknown, operation: string, name?: unknown, what?: string): RedisError | undefined {
  try {
    assertKey(key, operation);
    if (what !== undefined) assertName(name, operation, key, what);
    return undefined;
  } catch (error) {
    return error as RedisError;
  }
}

/**
 * The `INVALID_ARGUMENT` error for a bad key, value or TTL (`null`: the write sets none), or
 * undefined. `what` names the TTL in the message (`MS_TTL` for milliseconds).
 */
export function writeError(key: unknown, value: unknown, seconds: unknown, operation: string, what = "TTL"): RedisError | undefined {
  try {
    assertKey(key, operation);
    assertValue(value, operation, key);
    if (seconds !== null) assertTtl(seconds, operation, key, what);
    return undefined;
  } catch (error) {
    return error as RedisError;
  }
}

/**
 * `value` encoded with the connection's codec, or the error: `INVALID_ARGUMENT` for a bad key or
 * TTL (`null`: the write sets none; `what` names it), `SERIALIZATION_FAILED` for what the codec refuses.
 */
export function encodedOrError(connection: RedisConnection, key: unknown, value: unknown, seconds: unknown, operation: string, what = "TTL"): string | RedisError {
  try {
    assertKey(key, operation);
    if (seconds !== null) assertTtl(seconds, operation, key, what);
    return encodeValue(connection.codec, value, { operation, key });
  } catch (error) {
    return error as RedisError;
  }
}
