import { RedisError, decodeValue, type RedisConnection } from "@redis-interface/core";
import type { HscanDeserializeResult } from "./types.js";
import { assertField, assertInteger, assertKey } from "./validate.js";

/**
 * Checks the arguments every HSCAN function takes.
 * @throws RedisError `INVALID_ARGUMENT`.
 */
function assertScanArguments(operation: string, key: unknown, pattern: unknown, count: unknown): asserts key is string {
  assertKey(key, operation);
  assertField(pattern, operation, key, "pattern");
  if (count === undefined) return;
  assertInteger(count, operation, key, "count");
  if (count <= 0) throw new RedisError("INVALID_ARGUMENT", { operation, key, message: `count must be a positive integer, got ${count}` });
}

/**
 * `HSCAN key cursor MATCH pattern [COUNT count]` from cursor 0 until Redis returns cursor 0,
 * one `execute` per page, yielding each matching `[field, value]` once (HSCAN may return a field
 * again while the hash is resized; the first value seen is kept). Arguments must be valid.
 */
async function* hscanEntries(
  connection: RedisConnection,
  operation: string,
  key: string,
  pattern: string,
  count: number | undefined,
): AsyncGenerator<[field: string, value: string]> {
  const redisKey = connection.keys.key(key);
  const seen = new Set<string>();
  let cursor = "0";
  do {
    const [next, elements] = await connection.execute(operation, key, (client) =>
      count === undefined ? client.hscan(redisKey, cursor, "MATCH", pattern) : client.hscan(redisKey, cursor, "MATCH", pattern, "COUNT", count),
    );
    for (let index = 0; index + 1 < elements.length; index += 2) {
      const field = elements[index] as string;
      if (seen.has(field)) continue;
      seen.add(field);
      yield [field, elements[index + 1] as string];
    }
    cursor = next;
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
export async function hscan(connection: RedisConnection, key: string, pattern: string, count?: number): Promise<string[]> {
  const operation = "hscan";
  assertScanArguments(operation, key, pattern, count);
  const values: string[] = [];
  for await (const [, value] of hscanEntries(connection, operation, key, pattern, count)) values.push(value);
  return values;
}

/**
 * `HSCAN key cursor MATCH pattern [COUNT count]` page by page (one command per page, sent when
 * the previous page has been consumed) until Redis returns cursor 0. Stop early with `break`.
 * Each field is yielded once (the iterator remembers the field names it has yielded).
 * @param count COUNT hint per page (a positive integer), Redis's default (10) when omitted.
 * @returns an async iterable of `[field, value]` for the matching fields.
 * @throws RedisError, from the first `next()`: `INVALID_ARGUMENT` (bad key, pattern or count)
 * before any I/O; then `WRONG_TYPE` and the pool's errors from the page that failed.
 */
export async function* hscanIterator(
  connection: RedisConnection,
  key: string,
  pattern: string,
  count?: number,
): AsyncGenerator<[field: string, value: string]> {
  const operation = "hscanIterator";
  assertScanArguments(operation, key, pattern, count);
  yield* hscanEntries(connection, operation, key, pattern, count);
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
export async function hscanAndDeserialize<T>(
  connection: RedisConnection,
  key: string,
  pattern: string,
  typeName: string,
  count?: number,
): Promise<HscanDeserializeResult<T>> {
  const operation = "hscanAndDeserialize";
  assertScanArguments(operation, key, pattern, count);
  assertField(typeName, operation, key, "typeName");
  const result: HscanDeserializeResult<T> = { values: [], failures: [] };
  for await (const [field, text] of hscanEntries(connection, operation, key, pattern, count)) {
    try {
      result.values.push(decodeValue<T>(connection.codec, text, { operation, key, typeName }));
    } catch (error) {
      result.failures.push({ field, error: error as Error });
    }
  }
  return result;
}
