import { RedisError, decodeValue, encodeValue, readWithFallback, type RedisConnection } from "@redis-interface/core";
import { hsetnxWithExpiry } from "./hashes.js";
import type { SetnxReply } from "./types.js";
import { assertField, assertKey, assertTtl, ttlOrDefault } from "./validate.js";

/**
 * Encodes `value` with the connection's codec, then runs the `setHashFieldIfNotExist` script:
 * `HSETNX key field <encoded>` and, only when the field was set, `EXPIRE key ttl`.
 * @param ttl seconds; `settings.defaultHashTtl` (900) when omitted.
 * @returns `'KeySet'` when the field was written, `'KeyNotSet'` when it already existed (TTL untouched).
 * @throws RedisError `INVALID_ARGUMENT` (bad key, field or TTL) or `SERIALIZATION_FAILED`
 * (functions, symbols, cycles) before any I/O; `WRONG_TYPE`; the pool's errors.
 */
export async function serializeAndSetHashFieldIfNotExist(
  connection: RedisConnection,
  key: string,
  field: string,
  value: unknown,
  ttl?: number,
): Promise<SetnxReply> {
  const operation = "serializeAndSetHashFieldIfNotExist";
  assertKey(key, operation);
  assertField(field, operation, key);
  const seconds = ttlOrDefault(ttl, connection.settings.defaultHashTtl, operation, key);
  const encoded = encodeValue(connection.codec, value, { operation, key });
  return hsetnxWithExpiry(connection, operation, key, field, encoded, seconds);
}

/**
 * `serializeAndSetHashFieldIfNotExist` of the same `field` on each key: one script call per key,
 * all in parallel. Atomic per key, not across keys: when one key fails, the others may be written.
 * Every value is encoded before any I/O.
 * @param pairs `[key, value]` per hash; `[]` returns `[]` without I/O.
 * @param ttl seconds; `settings.defaultHashTtl` (900) when omitted.
 * @returns `'KeySet'` / `'KeyNotSet'` per key, in the order of `pairs`.
 * @throws RedisError `INVALID_ARGUMENT` (bad pairs, key, field or TTL) or `SERIALIZATION_FAILED`
 * (naming the key) before any I/O; `WRONG_TYPE` naming the key; the pool's errors.
 */
export async function serializeAndSetMultipleHashFieldIfNotExist(
  connection: RedisConnection,
  pairs: ReadonlyArray<readonly [string, unknown]>,
  field: string,
  ttl?: number,
): Promise<SetnxReply[]> {
  const operation = "serializeAndSetMultipleHashFieldIfNotExist";
  if (!Array.isArray(pairs)) throw new RedisError("INVALID_ARGUMENT", { operation, message: "pairs must be an array of [key, value] pairs" });
  for (const pair of pairs as readonly unknown[]) {
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new RedisError("INVALID_ARGUMENT", { operation, message: "each entry of pairs must be a [key, value] pair" });
    }
    assertKey(pair[0], operation);
  }
  assertField(field, operation, undefined);
  const seconds = ttl ?? connection.settings.defaultHashTtl;
  assertTtl(seconds, operation, undefined);
  const encoded = pairs.map(([key, value]) => encodeValue(connection.codec, value, { operation, key }));
  return Promise.all(pairs.map(([key], index) => hsetnxWithExpiry(connection, operation, key, field, encoded[index] as string, seconds)));
}

/**
 * `HGET key field`, decoded with the connection's codec.
 * @param typeName the application type, named in errors (`PaymentIntent`).
 * @returns the decoded value. A tenant view with `fallbackToUnprefixed` retries a miss on the bare key.
 * @throws RedisError `INVALID_ARGUMENT` (bad key, field or type name) before any I/O; `NOT_FOUND`
 * (naming key, field and type) when the field or key is missing or the value is empty, as in the
 * original and in `getAndDeserializeKey`; `DESERIALIZATION_FAILED` (naming
 * key and type) when the stored text does not decode; `WRONG_TYPE`; the pool's errors.
 */
export async function getHashFieldAndDeserialize<T>(connection: RedisConnection, key: string, field: string, typeName: string): Promise<T> {
  const operation = "getHashFieldAndDeserialize";
  assertKey(key, operation);
  assertField(field, operation, key);
  assertField(typeName, operation, key, "typeName");
  const text = await readWithFallback(connection, (through) => through.execute(operation, key, (client) => client.hget(through.keys.key(key), field)), (value) => value === null || value === "");
  if (text === null || text === "") {
    throw new RedisError("NOT_FOUND", { operation, key, message: `no ${typeName} in field "${field}" of hash "${key}"` });
  }
  return decodeValue<T>(connection.codec, text, { operation, key, typeName });
}
