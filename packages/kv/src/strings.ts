import { readWithFallback, type RedisConnection } from "@redis-interface/core";
import type { DelReply, RedisValue, SetnxReply } from "./types.js";
import { assertKey, assertTtl, assertValue, ttlOrDefault } from "./validate.js";

function isNull(value: unknown): boolean {
  return value === null;
}

function toVoid(): void {}

/** A validation error as a rejection: these functions are not `async` (one promise less per call on the hot path), but still never throw synchronously. */
function rejected(error: unknown): Promise<never> {
  return Promise.reject(error);
}

function checkWrite(operation: string, key: string, value: unknown): asserts value is RedisValue {
  assertKey(key, operation);
  assertValue(value, operation, key);
}

/**
 * Sends `SET key value EX defaultTtl` (Hyperswitch's `set_key` applies the default TTL).
 * @throws RedisError `INVALID_ARGUMENT` for an empty key or a value that is not a string, number or Buffer.
 */
export function setKey(connection: RedisConnection, key: string, value: RedisValue): Promise<void> {
  try {
    checkWrite("setKey", key, value);
  } catch (error) {
    return rejected(error);
  }
  const ttl = connection.settings.defaultTtl;
  return connection.execute("setKey", key, (client) => client.set(connection.keys.key(key), value, "EX", ttl)).then(toVoid);
}

/**
 * Sends `SET key value KEEPTTL`: an existing TTL is kept, a new key gets none.
 * @throws RedisError `INVALID_ARGUMENT` as `setKey`.
 */
export async function setKeyWithoutModifyingTtl(connection: RedisConnection, key: string, value: RedisValue): Promise<void> {
  checkWrite("setKeyWithoutModifyingTtl", key, value);
  await connection.execute("setKeyWithoutModifyingTtl", key, (client) => client.set(connection.keys.key(key), value, "KEEPTTL"));
}

/**
 * Sends `SET key value EX seconds`.
 * @throws RedisError `INVALID_ARGUMENT` for a TTL that is not a positive integer.
 */
export async function setKeyWithExpiry(connection: RedisConnection, key: string, value: RedisValue, seconds: number): Promise<void> {
  checkWrite("setKeyWithExpiry", key, value);
  assertTtl(seconds, "setKeyWithExpiry", key);
  await connection.execute("setKeyWithExpiry", key, (client) => client.set(connection.keys.key(key), value, "EX", seconds));
}

/**
 * Sends `SET key value EX (seconds ?? defaultTtl) NX`: the distributed-lock primitive, always
 * with an expiry.
 * @returns `'KeySet'` when this call set the key, `'KeyNotSet'` when it already existed.
 * @throws RedisError `INVALID_ARGUMENT` for bad input.
 */
export async function setKeyIfNotExistsWithExpiry(connection: RedisConnection, key: string, value: RedisValue, seconds?: number): Promise<SetnxReply> {
  checkWrite("setKeyIfNotExistsWithExpiry", key, value);
  const ttl = ttlOrDefault(seconds, connection.settings.defaultTtl, "setKeyIfNotExistsWithExpiry", key);
  const reply = await connection.execute("setKeyIfNotExistsWithExpiry", key, (client) => client.set(connection.keys.key(key), value, "EX", ttl, "NX"));
  return reply === "OK" ? "KeySet" : "KeyNotSet";
}

/**
 * Sends `GET key`.
 * @returns the value as a string, or null when the key is missing. A tenant view with `fallbackToUnprefixed` retries a miss on the bare key.
 * @throws RedisError `WRONG_TYPE` when the key holds another type.
 */
export function getKey(connection: RedisConnection, key: string): Promise<string | null> {
  try {
    assertKey(key, "getKey");
  } catch (error) {
    return rejected(error);
  }
  return readWithFallback(connection, (through) => through.execute("getKey", key, (client) => client.get(through.keys.key(key))), isNull);
}

/**
 * Sends `GET key` and keeps the bytes (binary values round-trip exactly).
 * @returns the value's bytes, or null when the key is missing. A tenant view with `fallbackToUnprefixed` retries a miss on the bare key.
 * @throws RedisError `WRONG_TYPE` when the key holds another type.
 */
export function getKeyBuffer(connection: RedisConnection, key: string): Promise<Buffer | null> {
  try {
    assertKey(key, "getKeyBuffer");
  } catch (error) {
    return rejected(error);
  }
  return readWithFallback(connection, (through) => through.execute("getKeyBuffer", key, (client) => client.getBuffer(through.keys.key(key))), isNull);
}

/**
 * Sends `EXISTS key`.
 * @returns whether the key exists. A tenant view with `fallbackToUnprefixed` retries a miss on the bare key.
 */
export async function exists(connection: RedisConnection, key: string): Promise<boolean> {
  assertKey(key, "exists");
  const found = await readWithFallback(connection, (through) => through.execute("exists", key, (client) => client.exists(through.keys.key(key))), (count) => count === 0);
  return found === 1;
}

/**
 * Sends `DEL key`.
 * @returns `'KeyDeleted'`, or `'KeyNotDeleted'` when there was no such key (not an error).
 */
export async function deleteKey(connection: RedisConnection, key: string): Promise<DelReply> {
  assertKey(key, "deleteKey");
  const removed = await connection.execute("deleteKey", key, (client) => client.del(connection.keys.key(key)));
  return removed === 1 ? "KeyDeleted" : "KeyNotDeleted";
}
