import { RedisError, assertKey, type RedisConnection } from "@redis-interface/core";
import { validateEntryId, type EntryIdUse } from "@redis-interface/streams";

function invalid(operation: string, key: string | undefined, message: string): RedisError {
  return new RedisError("INVALID_ARGUMENT", { operation, key, message });
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return value === "" ? "an empty string" : "a string";
  return typeof value;
}

/**
 * Checks a stream name: a non-empty string.
 * @throws RedisError `INVALID_ARGUMENT` naming the operation.
 */
export function assertStream(stream: unknown, operation: string): asserts stream is string {
  assertKey(stream, operation, "stream");
}

/**
 * Checks a group or consumer name: a non-empty string.
 * @throws RedisError `INVALID_ARGUMENT` naming the operation, the stream and `what`.
 */
export function assertName(name: unknown, operation: string, key: string | undefined, what: "group" | "consumer"): asserts name is string {
  if (typeof name !== "string" || name === "") throw invalid(operation, key, `${what} must be a non-empty string, got ${describe(name)}`);
}

/**
 * Checks a non-negative integer (idle times, BLOCK milliseconds).
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function assertNonNegativeInteger(value: unknown, operation: string, key: string | undefined, what: string): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw invalid(operation, key, `${what} must be a non-negative integer, got ${String(value)}`);
  }
}

/**
 * Checks a positive integer (COUNT).
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function assertPositiveInteger(value: unknown, operation: string, key: string | undefined, what: string): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw invalid(operation, key, `${what} must be a positive integer, got ${String(value)}`);
  }
}

/**
 * Checks a boolean option when given.
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function assertOptionalBoolean(value: unknown, operation: string, key: string | undefined, what: string): asserts value is boolean | undefined {
  if (value !== undefined && typeof value !== "boolean") throw invalid(operation, key, `${what} must be a boolean, got ${describe(value)}`);
}

/**
 * Checks an options argument: undefined or an object.
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function assertOptions(options: unknown, operation: string, key: string | undefined): void {
  if (options !== undefined && (typeof options !== "object" || options === null || Array.isArray(options))) {
    throw invalid(operation, key, `options must be an object, got ${Array.isArray(options) ? "an array" : describe(options)}`);
  }
}

/**
 * Checks a list of entry ids, each for `use` (`explicit` for XACK/XCLAIM).
 * @returns the ids as a plain array.
 * @throws RedisError `INVALID_ARGUMENT` when `ids` is not an array; `INVALID_ENTRY_ID` for a bad id.
 */
export function assertIds(ids: unknown, use: EntryIdUse, operation: string, key: string): string[] {
  if (!Array.isArray(ids)) throw invalid(operation, key, `ids must be an array, got ${describe(ids)}`);
  return ids.map((id: unknown) => validateEntryId(id, use, operation, key));
}

