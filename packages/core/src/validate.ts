import { RedisError } from "./errors.js";

/**
 * The one set of argument checks every package uses. Each throws `INVALID_ARGUMENT` naming the
 * operation, the key and what was wrong, before any I/O. Messages describe a bad argument by its
 * type (a number or boolean by its value), never by a string's content: it could be a stored value.
 */

/** An `INVALID_ARGUMENT` error naming the operation and key. */
export function invalidArgument(operation: string, key: string | undefined, message: string): RedisError {
  return new RedisError("INVALID_ARGUMENT", { operation, key, message });
}

/** How a bad argument is named in a message: its type, or a number's or boolean's value; never a string's content. */
export function describeArgument(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return value === "" ? "an empty string" : "a string";
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (Array.isArray(value)) return "an array";
  if (Buffer.isBuffer(value)) return "a Buffer";
  return typeof value;
}

/**
 * Checks that `key` is a usable key name (also stream names, channels): a non-empty string.
 * @throws RedisError `INVALID_ARGUMENT` naming the operation and `what`.
 */
export function assertKey(key: unknown, operation: string, what = "key"): asserts key is string {
  if (typeof key !== "string" || key === "") {
    throw invalidArgument(operation, undefined, `${what} must be a non-empty string, got ${typeof key === "string" ? "an empty string" : typeof key}`);
  }
}

/**
 * Checks an array of key names (each a non-empty string); an empty array passes.
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function assertKeys(keys: unknown, operation: string, what = "keys"): asserts keys is string[] {
  if (!Array.isArray(keys)) throw invalidArgument(operation, undefined, `${what} must be an array, got ${describeArgument(keys)}`);
  for (const key of keys) assertKey(key, operation);
}

/**
 * Checks a name that is not a key (a hash field, a group, a consumer): a non-empty string.
 * @throws RedisError `INVALID_ARGUMENT` naming `what`.
 */
export function assertName(name: unknown, operation: string, key: string | undefined, what: string): asserts name is string {
  if (typeof name !== "string" || name === "") throw invalidArgument(operation, key, `${what} must be a non-empty string, got ${describeArgument(name)}`);
}

/**
 * Checks a safe integer in `[min, max]` (counts, lengths, TTLs, block times).
 * @throws RedisError `INVALID_ARGUMENT` naming `what` and the range.
 */
export function assertIntegerIn(value: unknown, min: number, max: number, operation: string, key: string | undefined, what: string): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalidArgument(operation, key, `${what} must be ${rangeText(min, max)}, got ${describeArgument(value)}`);
  }
}

function rangeText(min: number, max: number): string {
  if (max === Number.MAX_SAFE_INTEGER) {
    if (min === 0) return "a non-negative integer";
    if (min === 1) return "a positive integer";
    if (min === Number.MIN_SAFE_INTEGER) return "an integer";
    return `an integer of at least ${min}`;
  }
  return `an integer from ${min} to ${max}`;
}

/** Checks a safe integer (increments, list indexes). @throws RedisError `INVALID_ARGUMENT`. */
export function assertInteger(value: unknown, operation: string, key: string | undefined, what: string): asserts value is number {
  assertIntegerIn(value, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, operation, key, what);
}

/** Checks a positive safe integer (COUNT, TTL seconds). @throws RedisError `INVALID_ARGUMENT`. */
export function assertPositiveInteger(value: unknown, operation: string, key: string | undefined, what: string): asserts value is number {
  assertIntegerIn(value, 1, Number.MAX_SAFE_INTEGER, operation, key, what);
}

/** Checks a non-negative safe integer (idle times, BLOCK milliseconds). @throws RedisError `INVALID_ARGUMENT`. */
export function assertNonNegativeInteger(value: unknown, operation: string, key: string | undefined, what: string): asserts value is number {
  assertIntegerIn(value, 0, Number.MAX_SAFE_INTEGER, operation, key, what);
}

/** Checks an optional boolean. @throws RedisError `INVALID_ARGUMENT`. */
export function assertOptionalBoolean(value: unknown, operation: string, key: string | undefined, what: string): asserts value is boolean | undefined {
  if (value !== undefined && typeof value !== "boolean") throw invalidArgument(operation, key, `${what} must be a boolean, got ${describeArgument(value)}`);
}

/**
 * Checks an options argument: `undefined` or a plain object whose every own field is in `known`.
 * @returns the options (`{}` for `undefined`).
 * @throws RedisError `INVALID_ARGUMENT` for a non-object or an unknown option name.
 */
export function optionsObject<T extends object>(options: T | undefined, known: readonly string[], operation: string, key?: string): Partial<T> {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw invalidArgument(operation, key, `options must be an object, got ${describeArgument(options)}`);
  }
  for (const name of Object.keys(options)) {
    if (!known.includes(name)) throw invalidArgument(operation, key, `unknown option "${name}" (known: ${known.join(", ")})`);
  }
  return options;
}

/** A value Redis stores as a string: a string, a finite number or a Buffer. */
export type RedisScalar = string | number | Buffer;

function isScalar(value: unknown): value is RedisScalar {
  return typeof value === "string" || Buffer.isBuffer(value) || (typeof value === "number" && Number.isFinite(value));
}

/**
 * Checks a value stored as a Redis string.
 * @throws RedisError `INVALID_ARGUMENT` for anything but a string, a finite number or a Buffer.
 */
export function assertValue(value: unknown, operation: string, key: string | undefined, what = "value"): asserts value is RedisScalar {
  if (!isScalar(value)) {
    throw invalidArgument(operation, key, `${what} must be a string, a finite number or a Buffer, got ${value === null ? "null" : typeof value} (use a serialize… function for objects)`);
  }
}

/**
 * Checks an array of values (set members, list elements, script ARGV), each a string, a finite
 * number or a Buffer; empty only with `allowEmpty`.
 * @throws RedisError `INVALID_ARGUMENT` naming `what` and the bad element's index.
 */
export function assertValues(values: unknown, operation: string, key: string | undefined, what: string, allowEmpty = false): asserts values is RedisScalar[] {
  if (!Array.isArray(values)) throw invalidArgument(operation, key, `${what} must be an array, got ${describeArgument(values)}`);
  if (!allowEmpty && values.length === 0) throw invalidArgument(operation, key, `${what} must not be empty`);
  for (let index = 0; index < values.length; index++) {
    const value: unknown = values[index];
    if (!isScalar(value)) throw invalidArgument(operation, key, `${what}[${index}] must be a string, a finite number or a Buffer, got ${value === null ? "null" : typeof value}`);
  }
}
