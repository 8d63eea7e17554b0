import { RedisError, decodeValue, encodeValue, readWithFallback, type RedisConnection } from "@redis-interface/core";
import { readMultipleKeys } from "./multi-key.js";
import type { SetnxReply } from "./types.js";
import { assertKey, assertTtl, ttlOrDefault } from "./validate.js";

function isEmpty(text: string | null): text is null | "" {
  return text === null || text === "";
}

function encode(connection: RedisConnection, operation: string, key: string, value: unknown): string {
  assertKey(key, operation);
  return encodeValue(connection.codec, value, { operation, key });
}

/**
 * Encodes `value` with the connection's codec, then sends `SET key text EX defaultTtl`.
 * @throws RedisError `SERIALIZATION_FAILED` (before any I/O) for what the codec refuses.
 */
export async function serializeAndSetKey(connection: RedisConnection, key: string, value: unknown): Promise<void> {
  const text = encode(connection, "serializeAndSetKey", key, value);
  const ttl = connection.settings.defaultTtl;
  await connection.execute("serializeAndSetKey", key, (client) => client.set(connection.keys.key(key), text, "EX", ttl));
}

/**
 * Encodes `value`, then sends `SET key text EX seconds`.
 * @throws RedisError `SERIALIZATION_FAILED`; `INVALID_ARGUMENT` for a bad TTL.
 */
export async function serializeAndSetKeyWithExpiry(connection: RedisConnection, key: string, value: unknown, seconds: number): Promise<void> {
  assertKey(key, "serializeAndSetKeyWithExpiry");
  assertTtl(seconds, "serializeAndSetKeyWithExpiry", key);
  const text = encode(connection, "serializeAndSetKeyWithExpiry", key, value);
  await connection.execute("serializeAndSetKeyWithExpiry", key, (client) => client.set(connection.keys.key(key), text, "EX", seconds));
}

/**
 * Encodes `value`, then sends `SET key text KEEPTTL`.
 * @throws RedisError `SERIALIZATION_FAILED`.
 */
export async function serializeAndSetKeyWithoutModifyingTtl(connection: RedisConnection, key: string, value: unknown): Promise<void> {
  const text = encode(connection, "serializeAndSetKeyWithoutModifyingTtl", key, value);
  await connection.execute("serializeAndSetKeyWithoutModifyingTtl", key, (client) => client.set(connection.keys.key(key), text, "KEEPTTL"));
}

/**
 * Encodes `value`, then sends `SET key text EX (ttl ?? defaultTtl) NX`.
 * @returns `'KeySet'` or `'KeyNotSet'`.
 * @throws RedisError `SERIALIZATION_FAILED`; `INVALID_ARGUMENT` for a bad TTL.
 */
export async function serializeAndSetKeyIfNotExist(connection: RedisConnection, key: string, value: unknown, ttl?: number): Promise<SetnxReply> {
  assertKey(key, "serializeAndSetKeyIfNotExist");
  const seconds = ttlOrDefault(ttl, connection.settings.defaultTtl, "serializeAndSetKeyIfNotExist", key);
  const text = encode(connection, "serializeAndSetKeyIfNotExist", key, value);
  const reply = await connection.execute("serializeAndSetKeyIfNotExist", key, (client) => client.set(connection.keys.key(key), text, "EX", seconds, "NX"));
  return reply === "OK" ? "KeySet" : "KeyNotSet";
}

function notFound(operation: string, key: string, typeName: string): RedisError {
  return new RedisError("NOT_FOUND", { operation, key, message: `no ${typeName} stored under this key` });
}

/**
 * Sends `GET key` and decodes the value with the connection's codec.
 * @returns the decoded value. A tenant view with `fallbackToUnprefixed` retries a miss on the bare key.
 * @throws RedisError `NOT_FOUND` when the key is missing or empty; `DESERIALIZATION_FAILED`
 * naming the key and `typeName` when the stored text does not decode; `WRONG_TYPE`.
 */
export async function getAndDeserializeKey<T>(connection: RedisConnection, key: string, typeName: string): Promise<T> {
  assertKey(key, "getAndDeserializeKey");
  const text = await readWithFallback(connection, (through) => through.execute("getAndDeserializeKey", key, (client) => client.get(through.keys.key(key))), isEmpty);
  if (isEmpty(text)) throw notFound("getAndDeserializeKey", key, typeName);
  return decodeValue<T>(connection.codec, text, { operation: "getAndDeserializeKey", key, typeName });
}

/**
 * `getMultipleKeys` (one MGET per slot group), then decodes each value.
 * @returns decoded values in the caller's order, null where a key is missing or empty.
 * @throws RedisError `DESERIALIZATION_FAILED` naming the first key whose value does not decode.
 */
export async function getAndDeserializeMultipleKeys<T>(connection: RedisConnection, keys: readonly string[], typeName: string): Promise<Array<T | null>> {
  const texts = await readMultipleKeys(connection, keys, "getAndDeserializeMultipleKeys");
  return texts.map((text, index) =>
    text === null || text === "" ? null : decodeValue<T>(connection.codec, text, { operation: "getAndDeserializeMultipleKeys", key: keys[index], typeName }),
  );
}

