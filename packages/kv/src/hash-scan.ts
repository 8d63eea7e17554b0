import { decodeValue, type RedisConnection } from "@redis-interface/core";
import { assertKey, assertName, assertPositiveInteger } from "@redis-interface/core/internal";
import { HSCAN } from "./commands/hashes.js";
import type { HscanDeserializeResult } from "./types.js";

/** Checks the arguments every HSCAN function takes. @throws RedisError `INVALID_ARGUMENT`. */
function assertScanArguments(operation: string, key: unknown, pattern: unknown, count: unknown): asserts key is string {
  assertKey(key, operation);
  assertName(pattern, operation, key, "pattern");
  if (count !== undefined) assertPositiveInteger(count, operation, key, "count");
}

/**
 * HSCAN pages from cursor 0 until Redis returns cursor 0, one command per page (sent when the
 * previous page has been consumed), yielding each matching `[field, value]` once (HSCAN may return
 * a field again while the hash is resized; the first value seen is kept). Arguments must be valid.
 */
async function* hscanEntries(connection: RedisConnection, operation: string, key: string, pattern: string, count: number | undefined): AsyncGenerator<[field: string, value: string]> {
  const seen = new Set<string>();
  let cursor = "0";
  do {
    const page = await connection.send(operation, HSCAN(key, cursor, pattern, count));
    const flat = page.fieldsAndValues;
    for (let index = 0; index + 1 < flat.length; index += 2) {
      const field = flat[index] as string;
      if (seen.has(field)) continue;
      seen.add(field);
      yield [field, flat[index + 1] as string];
    }
    cursor = page.cursor;
  } while (cursor !== "0");
}

/**
 * `HSCAN key cursor MATCH pattern [COUNT count]` over every page (the original stopped after the
 * first). `pattern` is a glob on field names; the view's prefix applies to the key only.
 * @param count COUNT hint per page (a positive integer), Redis's default (10) when omitted.
 * @returns the values of the matching fields, each field once, in scan order; `[]` when the key is missing.
 * @throws RedisError `INVALID_ARGUMENT` (bad key, pattern or count) before any I/O; `WRONG_TYPE`;
 * the pool's errors (never swallowed, never a partial result).
 */
export const hscan =
  (connection: RedisConnection) =>
  async (key: string, pattern: string, count?: number): Promise<string[]> => {
    assertScanArguments("hscan", key, pattern, count);
    const values: string[] = [];
    for await (const [, value] of hscanEntries(connection, "hscan", key, pattern, count)) values.push(value);
    return values;
  };

/**
 * `HSCAN key cursor MATCH pattern [COUNT count]` page by page (one command per page, sent when the
 * previous page has been consumed) until Redis returns cursor 0. Stop early with `break`. Each
 * field is yielded once (the iterator remembers the field names it has yielded).
 * @param count COUNT hint per page (a positive integer), Redis's default (10) when omitted.
 * @returns an async iterable of `[field, value]` for the matching fields.
 * @throws RedisError, from the first `next()`: `INVALID_ARGUMENT` (bad key, pattern or count)
 * before any I/O; then `WRONG_TYPE` and the pool's errors from the page that failed.
 */
export const hscanIterator =
  (connection: RedisConnection) =>
  (key: string, pattern: string, count?: number): AsyncGenerator<[field: string, value: string]> =>
    checkedHscanEntries(connection, key, pattern, count);

async function* checkedHscanEntries(connection: RedisConnection, key: string, pattern: string, count: number | undefined): AsyncGenerator<[field: string, value: string]> {
  assertScanArguments("hscanIterator", key, pattern, count);
  yield* hscanEntries(connection, "hscanIterator", key, pattern, count);
}

/**
 * `HSCAN` over every page as `hscan`, then decodes each matching value with the connection's codec.
 * A value that does not decode is reported in `failures`, never skipped silently, never thrown.
 * @param typeName the application type, named in decoding errors (`PaymentIntent`).
 * @param count COUNT hint per page (a positive integer), Redis's default (10) when omitted.
 * @returns `values`: the decoded values in scan order; `failures`: each field that did not decode,
 * with its `DESERIALIZATION_FAILED` error (naming key and type).
 * @throws RedisError `INVALID_ARGUMENT` (bad key, pattern, type name or count) before any I/O;
 * `WRONG_TYPE`; the pool's errors.
 */
export const hscanAndDeserialize =
  (connection: RedisConnection) =>
  async <T>(key: string, pattern: string, typeName: string, count?: number): Promise<HscanDeserializeResult<T>> => {
    const operation = "hscanAndDeserialize";
    assertScanArguments(operation, key, pattern, count);
    assertName(typeName, operation, key, "typeName");
    const result: HscanDeserializeResult<T> = { values: [], failures: [] };
    for await (const [field, text] of hscanEntries(connection, operation, key, pattern, count)) {
      try {
        result.values.push(decodeValue<T>(connection.codec, text, { operation, key, typeName }));
      } catch (error) {
        result.failures.push({ field, error: error as Error });
      }
    }
    return result;
  };
