import { RedisError, assertKey, keySlot, type RedisConnection } from "@redis-interface/core";
import { validateEntryId, type EntryIdUse } from "./entry-id.js";

/** An `INVALID_ARGUMENT` error naming the operation and key. */
export function invalidArgument(operation: string, key: string | undefined, message: string): RedisError {
  return new RedisError("INVALID_ARGUMENT", { operation, key, message });
}

function shown(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return `"${value.slice(0, 60)}"`;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return Array.isArray(value) ? "an array" : typeof value;
}

/**
 * Checks a stream name: a non-empty string.
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function assertStream(stream: unknown, operation: string): asserts stream is string {
  assertKey(stream, operation, "stream");
}

/**
 * Checks an integer in `[min, max]` (counts, lengths, limits, block times).
 * @throws RedisError `INVALID_ARGUMENT` naming `what`.
 */
export function assertIntegerIn(value: unknown, min: number, max: number, operation: string, key: string | undefined, what: string): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? (min === 0 ? "a non-negative integer" : `an integer of at least ${min}`) : `an integer from ${min} to ${max}`;
    throw invalidArgument(operation, key, `${what} must be ${range}, got ${shown(value)}`);
  }
}

/**
 * Checks an optional boolean option.
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function assertOptionalBoolean(value: unknown, operation: string, key: string | undefined, what: string): asserts value is boolean | undefined {
  if (value !== undefined && typeof value !== "boolean") throw invalidArgument(operation, key, `${what} must be a boolean, got ${shown(value)}`);
}

/**
 * Checks an options argument: `undefined` or a plain object.
 * @returns the options, `{}` for `undefined`.
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function optionsObject<T extends object>(options: T | undefined, operation: string, key: string | undefined): Partial<T> {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw invalidArgument(operation, key, `options must be an object, got ${shown(options)}`);
  }
  return options;
}

/**
 * Checks the stream names of a read: one name or a non-empty array of distinct non-empty names.
 * @returns the names as an array, in the caller's order.
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function streamNames(streams: unknown, operation: string): string[] {
  const names = typeof streams === "string" ? [streams] : streams;
  if (!Array.isArray(names) || names.length === 0) {
    throw invalidArgument(operation, undefined, `streams must be a stream name or a non-empty array of them, got ${shown(streams)}`);
  }
  for (const name of names) assertStream(name, operation);
  const typed = names as string[];
  const duplicate = typed.find((name, index) => typed.indexOf(name) !== index);
  if (duplicate !== undefined) throw invalidArgument(operation, duplicate, "each stream may appear only once in a read (results are keyed by stream name)");
  return [...typed];
}

/**
 * Checks the ids of a read or delete: one id or an array of them, each valid for `use`; with
 * `expected`, exactly that many.
 * @returns the ids as an array.
 * @throws RedisError `INVALID_ARGUMENT` for a wrong shape or count; `INVALID_ENTRY_ID` for a malformed id.
 */
export function entryIds(ids: unknown, use: EntryIdUse, operation: string, key: string | undefined, expected?: number): string[] {
  const list = typeof ids === "string" ? [ids] : ids;
  if (!Array.isArray(list)) throw invalidArgument(operation, key, `ids must be an id or an array of ids, got ${shown(ids)}`);
  if (expected !== undefined && list.length !== expected) {
    throw invalidArgument(operation, key, `got ${list.length} id(s) for ${expected} stream(s): give one id per stream, in the same order`);
  }
  return list.map((id: unknown) => validateEntryId(id, use, operation, key));
}

/**
 * Checks a cap or trim threshold id (`MINID`): `ms-seq` or `ms`, each part below 2^64.
 * @returns the id, unchanged.
 * @throws RedisError `INVALID_ENTRY_ID`.
 */
export function thresholdId(id: unknown, operation: string, key: string): string {
  if (typeof id === "string" && /^\d{1,20}$/.test(id)) {
    validateEntryId(`${id}-0`, "explicit", operation, key);
    return id;
  }
  return validateEntryId(id, "explicit", operation, key);
}

/**
 * On a cluster, checks that every stream of a multi-stream command (as Redis names them, i.e.
 * prefixed) hashes to one slot, before anything is sent. No-op on a standalone server.
 * @throws RedisError `CROSS_SLOT` naming the streams and suggesting a hash tag.
 */
export function assertOneSlot(connection: RedisConnection, streams: readonly string[], operation: string): void {
  if (!connection.isCluster || streams.length < 2) return;
  const redisNames = connection.keys.keysOf(streams);
  const first = keySlot(redisNames[0] as string);
  if (redisNames.every((name) => keySlot(name) === first)) return;
  throw new RedisError("CROSS_SLOT", {
    operation,
    key: streams[0],
    message: `streams ${streams.map((stream) => `"${stream}"`).join(", ")} hash to different cluster slots; one command can only read streams of one slot: give them a common hash tag (e.g. "{payments}:a", "{payments}:b") or read them separately`,
  });
}
