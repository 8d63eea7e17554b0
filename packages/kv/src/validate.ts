import { RedisError, assertKey } from "@redis-interface/core";
import type { RedisValue } from "./types.js";

function invalid(operation: string, key: string | undefined, message: string): RedisError {
  return new RedisError("INVALID_ARGUMENT", { operation, key, message });
}

/**
 * Checks a TTL in seconds: a positive integer (Redis rejects 0, negative TTLs delete the key,
 * and fractions are silently truncated by some clients).
 * @throws RedisError `INVALID_ARGUMENT` naming the operation and key.
 */
export function assertTtl(seconds: unknown, operation: string, key: string | undefined, what = "TTL"): asserts seconds is number {
  if (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds <= 0) {
    throw invalid(operation, key, `${what} must be a positive integer number of seconds, got ${String(seconds)}`);
  }
}

/** Resolves an optional TTL against a default, validating it. */
export function ttlOrDefault(seconds: number | undefined, fallback: number, operation: string, key: string): number {
  const ttl = seconds ?? fallback;
  assertTtl(ttl, operation, key);
  return ttl;
}

/**
 * Checks an integer argument (increments, list indexes, counts).
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function assertInteger(value: unknown, operation: string, key: string | undefined, what: string): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) throw invalid(operation, key, `${what} must be an integer, got ${String(value)}`);
}

/**
 * Checks a value stored as a Redis string.
 * @throws RedisError `INVALID_ARGUMENT` for anything but a string, a finite number or a Buffer.
 */
export function assertValue(value: unknown, operation: string, key: string | undefined, what = "value"): asserts value is RedisValue {
  const ok = typeof value === "string" || Buffer.isBuffer(value) || (typeof value === "number" && Number.isFinite(value));
  if (!ok) throw invalid(operation, key, `${what} must be a string, a finite number or a Buffer, got ${value === null ? "null" : typeof value} (use a serialize… function for objects)`);
}

/**
 * Checks a list of keys (each a non-empty string).
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function assertKeys(keys: unknown, operation: string): asserts keys is string[] {
  if (!Array.isArray(keys)) throw invalid(operation, undefined, "keys must be an array");
  for (const key of keys) assertKey(key, operation);
}

/**
 * Checks that a collection argument is not empty (Redis rejects SADD/RPUSH/HSET with nothing).
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function assertNotEmpty(size: number, operation: string, key: string | undefined, what: string): void {
  if (size === 0) throw invalid(operation, key, `${what} must not be empty`);
}

/**
 * Checks a non-empty array of values (set members, list elements), each a string, a finite
 * number or a Buffer.
 * @throws RedisError `INVALID_ARGUMENT` naming `what`.
 */
export function assertValues(values: unknown, operation: string, key: string, what: string): asserts values is RedisValue[] {
  if (!Array.isArray(values)) throw invalid(operation, key, `${what}s must be an array`);
  assertNotEmpty(values.length, operation, key, `${what}s`);
  for (const value of values) assertValue(value, operation, key, what);
}

/**
 * Checks a hash field name: a non-empty string.
 * @throws RedisError `INVALID_ARGUMENT` naming the operation and key.
 */
export function assertField(field: unknown, operation: string, key: string | undefined, what = "field"): asserts field is string {
  if (typeof field !== "string" || field === "") {
    const got = typeof field === "string" ? "an empty string" : field === null ? "null" : typeof field;
    throw invalid(operation, key, `${what} must be a non-empty string, got ${got}`);
  }
}

export { assertKey };
