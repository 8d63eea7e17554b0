import { RedisError, assertKey } from "@redis-interface/core";
import type { ScriptArg } from "./types.js";

/** An `INVALID_ARGUMENT` error naming the operation (and key). */
export function invalid(operation: string, key: string | undefined, message: string): RedisError {
  return new RedisError("INVALID_ARGUMENT", { operation, key, message });
}

/**
 * Checks a list of script KEYS (an array of non-empty strings).
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function assertKeys(keys: unknown, operation: string): asserts keys is string[] {
  if (!Array.isArray(keys)) throw invalid(operation, undefined, "keys must be an array");
  for (const key of keys) assertKey(key, operation);
}

/**
 * Checks script ARGV (strings, finite numbers or Buffers).
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function assertArgs(args: unknown, operation: string, key: string | undefined): asserts args is ScriptArg[] {
  if (!Array.isArray(args)) throw invalid(operation, key, "args must be an array");
  args.forEach((arg: unknown, index) => {
    const ok = typeof arg === "string" || Buffer.isBuffer(arg) || (typeof arg === "number" && Number.isFinite(arg));
    if (!ok) throw invalid(operation, key, `args[${index}] must be a string, a finite number or a Buffer, got ${arg === null ? "null" : typeof arg}`);
  });
}

/**
 * Checks Lua source: a non-empty string.
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function assertScript(script: unknown, operation: string): asserts script is string {
  if (typeof script !== "string" || script.trim() === "") throw invalid(operation, undefined, "script must be a non-empty string");
}

/**
 * Checks an integer that must be ≥ `min` (TTLs, windows, limits, versions).
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function assertIntegerAtLeast(value: unknown, min: number, operation: string, key: string | undefined, what: string): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw invalid(operation, key, `${what} must be an integer ≥ ${min}, got ${String(value)}`);
  }
}
