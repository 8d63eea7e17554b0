import { decodeValue, type RedisConnection } from "@redis-interface/core";
import { assertName } from "@redis-interface/core/internal";
import { MS_TTL, encodedOrError, keyError } from "./checks.js";
import { SET, SET_EX, SET_KEEPTTL, SET_NX_EX, SET_PX } from "./commands/strings.js";
import { GET_DECODED } from "./commands/typed.js";
import { readMultipleKeys } from "./read-multiple.js";
import type { SetnxReply } from "./types.js";

/**
 * Encodes `value` with the connection's codec, then `SET key text EX defaultTtl`.
 * @throws RedisError `INVALID_ARGUMENT` for an empty key or `SERIALIZATION_FAILED` for what the
 * codec refuses (functions, symbols, cycles), before any I/O; the pool's errors.
 */
export const serializeAndSetKey =
  (connection: RedisConnection) =>
  (key: string, value: unknown): Promise<void> => {
    const seconds = connection.settings.defaultTtl;
    const text = encodedOrError(connection, key, value, seconds, "serializeAndSetKey");
    return typeof text === "string" ? connection.send("serializeAndSetKey", SET_EX(key, text, seconds)) : Promise.reject(text);
  };

/**
 * Encodes `value`, then `SET key text EX seconds`.
 * @throws RedisError as `serializeAndSetKey`, and `INVALID_ARGUMENT` for a TTL that is not a positive integer.
 */
export const serializeAndSetKeyWithExpiry =
  (connection: RedisConnection) =>
  (key: string, value: unknown, seconds: number): Promise<void> => {
    const text = encodedOrError(connection, key, value, seconds, "serializeAndSetKeyWithExpiry");
    return typeof text === "string" ? connection.send("serializeAndSetKeyWithExpiry", SET_EX(key, text, seconds)) : Promise.reject(text);
  };

/**
 * Encodes `value`, then `SET key text PX ms`.
 * @throws RedisError as `serializeAndSetKey`, and `INVALID_ARGUMENT` for a TTL that is not a positive safe integer.
 */
export const serializeAndSetKeyWithExpiryMs =
  (connection: RedisConnection) =>
  (key: string, value: unknown, ms: number): Promise<void> => {
    const text = encodedOrError(connection, key, value, ms, "serializeAndSetKeyWithExpiryMs", MS_TTL);
    return typeof text === "string" ? connection.send("serializeAndSetKeyWithExpiryMs", SET_PX(key, text, ms)) : Promise.reject(text);
  };

/**
 * Encodes `value`, then `SET key text`: no expiry afterwards, a TTL the key had is removed atomically.
 * @throws RedisError as `serializeAndSetKey`.
 */
export const serializeAndSetKeyWithoutExpiry =
  (connection: RedisConnection) =>
  (key: string, value: unknown): Promise<void> => {
    const text = encodedOrError(connection, key, value, null, "serializeAndSetKeyWithoutExpiry");
    return typeof text === "string" ? connection.send("serializeAndSetKeyWithoutExpiry", SET(key, text)) : Promise.reject(text);
  };

/**
 * Encodes `value`, then `SET key text KEEPTTL` (an existing TTL stays, a new key gets none).
 * @throws RedisError as `serializeAndSetKey`.
 */
export const serializeAndSetKeyWithoutModifyingTtl =
  (connection: RedisConnection) =>
  (key: string, value: unknown): Promise<void> => {
    const text = encodedOrError(connection, key, value, null, "serializeAndSetKeyWithoutModifyingTtl");
    return typeof text === "string" ? connection.send("serializeAndSetKeyWithoutModifyingTtl", SET_KEEPTTL(key, text)) : Promise.reject(text);
  };

/**
 * Encodes `value`, then `SET key text EX (ttl ?? defaultTtl) NX`.
 * @returns `'KeySet'` when this call set the key, `'KeyNotSet'` when it already existed.
 * @throws RedisError as `serializeAndSetKeyWithExpiry`.
 */
export const serializeAndSetKeyIfNotExist =
  (connection: RedisConnection) =>
  (key: string, value: unknown, ttl?: number): Promise<SetnxReply> => {
    const seconds = ttl === undefined ? connection.settings.defaultTtl : ttl;
    const text = encodedOrError(connection, key, value, seconds, "serializeAndSetKeyIfNotExist");
    return typeof text === "string" ? connection.send("serializeAndSetKeyIfNotExist", SET_NX_EX(key, text, seconds)) : Promise.reject(text);
  };

/**
 * `GET key`, decoded with the connection's codec.
 * @param typeName the application type, named in errors (`PaymentIntent`).
 * @returns the decoded value. A tenant view with `fallbackToUnprefixed` retries a missing key on
 * the bare key (declared legacy names only).
 * @throws RedisError `INVALID_ARGUMENT` for an empty key or type name, before any I/O; `NOT_FOUND` when the key
 * is missing; `DESERIALIZATION_FAILED` naming the key and `typeName` when the stored text does not
 * decode (a stored empty string included: the key exists, the built-in codecs cannot read it); `WRONG_TYPE`; the pool's errors.
 */
export const getAndDeserializeKey =
  (connection: RedisConnection) =>
  <T>(key: string, typeName: string): Promise<T> => {
    const error = keyError(key, "getAndDeserializeKey", typeName, "typeName");
    return error === undefined ? connection.send("getAndDeserializeKey", GET_DECODED<T>(key, typeName, "getAndDeserializeKey")) : Promise.reject(error);
  };

/**
 * `getMultipleKeys` (one MGET per slot group, the same read fallback), then decodes each value
 * with the connection's codec.
 * @param typeName the application type, named in errors.
 * @returns decoded values in the caller's order, null where a key is missing; `[]` for no keys (no I/O).
 * @throws RedisError `INVALID_ARGUMENT` for a bad key list or type name, before any I/O;
 * `DESERIALIZATION_FAILED` naming the first key (in the caller's order) whose value does not decode
 * (a stored empty string included); the pool's errors.
 */
export const getAndDeserializeMultipleKeys =
  (connection: RedisConnection) =>
  async <T>(keys: readonly string[], typeName: string): Promise<Array<T | null>> => {
    const operation = "getAndDeserializeMultipleKeys";
    assertName(typeName, operation, undefined, "typeName");
    const texts = await readMultipleKeys(connection, keys, operation);
    return texts.map((text, index) => (text === null ? null : decodeValue<T>(connection.codec, text, { operation, key: keys[index], typeName })));
  };
