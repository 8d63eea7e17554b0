import type { RedisConnection } from "@redis-interface/core";
import { MS_TTL, keyError, writeError } from "./checks.js";
import { DEL, EXISTS, GET, GET_BUFFER, SET, SET_EX, SET_KEEPTTL, SET_NX_EX, SET_PX } from "./commands/strings.js";
import { keyOperation } from "./key-operation.js";
import type { RedisValue, SetnxReply } from "./types.js";

/**
 * `SET key value EX defaultTtl` (Hyperswitch's `set_key` applies the default TTL, 300 s).
 * @throws RedisError `INVALID_ARGUMENT` (before any I/O) for an empty key or a value that is not a
 * string, a finite number or a Buffer; the pool's errors.
 */
export const setKey =
  (connection: RedisConnection) =>
  (key: string, value: RedisValue): Promise<void> => {
    const seconds = connection.settings.defaultTtl;
    const error = writeError(key, value, seconds, "setKey");
    return error === undefined ? connection.send("setKey", SET_EX(key, value, seconds)) : Promise.reject(error);
  };

/**
 * `SET key value KEEPTTL`: an existing TTL is kept, a new key gets none.
 * @throws RedisError `INVALID_ARGUMENT` as `setKey`; the pool's errors.
 */
export const setKeyWithoutModifyingTtl =
  (connection: RedisConnection) =>
  (key: string, value: RedisValue): Promise<void> => {
    const error = writeError(key, value, null, "setKeyWithoutModifyingTtl");
    return error === undefined ? connection.send("setKeyWithoutModifyingTtl", SET_KEEPTTL(key, value)) : Promise.reject(error);
  };

/**
 * `SET key value EX seconds`.
 * @throws RedisError `INVALID_ARGUMENT` as `setKey`, and for a TTL that is not a positive integer; the pool's errors.
 */
export const setKeyWithExpiry =
  (connection: RedisConnection) =>
  (key: string, value: RedisValue, seconds: number): Promise<void> => {
    const error = writeError(key, value, seconds, "setKeyWithExpiry");
    return error === undefined ? connection.send("setKeyWithExpiry", SET_EX(key, value, seconds)) : Promise.reject(error);
  };

/**
 * `SET key value PX ms`: a TTL in milliseconds, kept by the server as given (no rounding to seconds).
 * @throws RedisError `INVALID_ARGUMENT` as `setKey`, and for a TTL that is not a positive safe integer; the pool's errors.
 */
export const setKeyWithExpiryMs =
  (connection: RedisConnection) =>
  (key: string, value: RedisValue, ms: number): Promise<void> => {
    const error = writeError(key, value, ms, "setKeyWithExpiryMs", MS_TTL);
    return error === undefined ? connection.send("setKeyWithExpiryMs", SET_PX(key, value, ms)) : Promise.reject(error);
  };

/**
 * `SET key value`: the key has no expiry afterwards; a TTL it had is removed by the same command
 * (atomic, unlike `setKeyWithoutModifyingTtl` followed by `persist`).
 * @throws RedisError `INVALID_ARGUMENT` as `setKey`; the pool's errors.
 */
export const setKeyWithoutExpiry =
  (connection: RedisConnection) =>
  (key: string, value: RedisValue): Promise<void> => {
    const error = writeError(key, value, null, "setKeyWithoutExpiry");
    return error === undefined ? connection.send("setKeyWithoutExpiry", SET(key, value)) : Promise.reject(error);
  };

/**
 * `SET key value EX (seconds ?? defaultTtl) NX`: the distributed-lock primitive, always with an expiry.
 * @returns `'KeySet'` when this call set the key, `'KeyNotSet'` when it already existed.
 * @throws RedisError `INVALID_ARGUMENT` as `setKeyWithExpiry`; the pool's errors.
 */
export const setKeyIfNotExistsWithExpiry =
  (connection: RedisConnection) =>
  (key: string, value: RedisValue, seconds?: number): Promise<SetnxReply> => {
    const ttl = seconds === undefined ? connection.settings.defaultTtl : seconds;
    const error = writeError(key, value, ttl, "setKeyIfNotExistsWithExpiry");
    return error === undefined ? connection.send("setKeyIfNotExistsWithExpiry", SET_NX_EX(key, value, ttl)) : Promise.reject(error);
  };

/**
 * `GET key`.
 * @returns the value as a string, or null when the key is missing. A tenant view with
 * `fallbackToUnprefixed` retries a miss on the bare key (declared legacy names only).
 * @throws RedisError `INVALID_ARGUMENT` for an empty key; `WRONG_TYPE` when the key holds another type; the pool's errors.
 */
export const getKey =
  (connection: RedisConnection) =>
  (key: string): Promise<string | null> => {
    const error = keyError(key, "getKey");
    return error === undefined ? connection.send("getKey", GET(key)) : Promise.reject(error);
  };

/**
 * `GET key`, keeping the bytes (binary values round-trip exactly).
 * @returns the value's bytes, or null when the key is missing. A tenant view with
 * `fallbackToUnprefixed` retries a miss on the bare key (declared legacy names only).
 * @throws RedisError as `getKey`.
 */
export const getKeyBuffer =
  (connection: RedisConnection) =>
  (key: string): Promise<Buffer | null> => {
    const error = keyError(key, "getKeyBuffer");
    return error === undefined ? connection.send("getKeyBuffer", GET_BUFFER(key)) : Promise.reject(error);
  };

/**
 * `EXISTS key`.
 * @returns whether the key exists. A tenant view with `fallbackToUnprefixed` retries a miss on the bare key (declared legacy names only).
 * @throws RedisError `INVALID_ARGUMENT` for an empty key; the pool's errors.
 */
export const exists = keyOperation("exists", EXISTS);

/**
 * `DEL key`.
 * @returns `'KeyDeleted'`, or `'KeyNotDeleted'` when there was no such key (not an error).
 * @throws RedisError `INVALID_ARGUMENT` for an empty key; the pool's errors.
 */
export const deleteKey = keyOperation("deleteKey", DEL);
