import { assertKey, assertPositiveInteger, invalidArgument } from "@redis-interface/core/internal";

/**
 * Checks a value Keyv hands the store: a string (Keyv serializes every value before the store sees it).
 * @throws RedisError `INVALID_ARGUMENT` naming the key, never showing the value.
 */
export function assertStoredValue(value: unknown, operation: string, key: string): asserts value is string {
  if (typeof value !== "string") {
    throw invalidArgument(operation, key, `value must be the string Keyv serialized, got ${value === null ? "null" : typeof value}`);
  }
}

/**
 * Checks a Keyv TTL: `undefined` (no expiry) or a positive integer of milliseconds.
 * @throws RedisError `INVALID_ARGUMENT` naming the key.
 */
export function assertTtl(ttl: unknown, operation: string, key: string): asserts ttl is number | undefined {
  if (ttl !== undefined) assertPositiveInteger(ttl, operation, key, "ttl (milliseconds)");
}

/**
 * Checks one `set` call's arguments.
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function assertSet(key: unknown, value: unknown, ttl: unknown, operation: string): asserts key is string {
  assertKey(key, operation);
  assertStoredValue(value, operation, key);
  assertTtl(ttl, operation, key);
}

/** An entry of `setMany`, as Keyv passes it. */
export interface KeyvEntry {
  key: string;
  value: string;
  ttl?: number;
}

const ENTRY_NAMES: readonly string[] = ["key", "value", "ttl"];

/**
 * Checks every entry of `setMany` and groups them by TTL (`undefined`: no expiry), a key given
 * twice keeping its last entry, so that the whole batch is refused before anything is sent.
 * @throws RedisError `INVALID_ARGUMENT` naming the entry's index (and key).
 */
export function entriesByTtl(entries: unknown, operation: string): Map<number | undefined, Array<[string, string]>> {
  if (!Array.isArray(entries)) throw invalidArgument(operation, undefined, "entries must be an array of { key, value, ttl? }");
  const last = new Map<string, { value: string; ttl: number | undefined }>();
  entries.forEach((entry: unknown, index) => {
    if (typeof entry !== "object" || entry === null) throw invalidArgument(operation, undefined, `entries[${index}] must be an object { key, value, ttl? }`);
    for (const name of Object.keys(entry)) {
      if (!ENTRY_NAMES.includes(name)) throw invalidArgument(operation, undefined, `entries[${index}] has an unknown field "${name}" (known: ${ENTRY_NAMES.join(", ")})`);
    }
    const { key, value, ttl } = entry as Partial<Record<keyof KeyvEntry, unknown>>;
    assertSet(key, value, ttl, operation);
    last.delete(key);
    last.set(key, { value: value as string, ttl: ttl as number | undefined });
  });
  const groups = new Map<number | undefined, Array<[string, string]>>();
  for (const [key, { value, ttl }] of last) {
    const group = groups.get(ttl);
    if (group === undefined) groups.set(ttl, [[key, value]]);
    else group.push([key, value]);
  }
  return groups;
}
