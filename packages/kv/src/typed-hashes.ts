import { encodeValue, type RedisConnection } from "@redis-interface/core";
import { assertKey, assertName } from "@redis-interface/core/internal";
import { assertPairs, hashFieldTtl, ttlOrDefault } from "./checks.js";
import { HSETNX_WITH_EXPIRY } from "./commands/hashes.js";
import { HGET_DECODED } from "./commands/typed.js";
import type { SetnxReply } from "./types.js";

/**
 * Encodes `value` with the connection's codec, then runs the `setHashFieldIfNotExist` script:
 * `HSETNX key field <encoded>` and, only when the field was set, `EXPIRE key ttl`.
 * @param ttl seconds; `settings.defaultHashTtl` (900) when omitted.
 * @returns `'KeySet'` when the field was written, `'KeyNotSet'` when it already existed (TTL untouched).
 * @throws RedisError `INVALID_ARGUMENT` (bad key, field or TTL) or `SERIALIZATION_FAILED`
 * (functions, symbols, cycles) before any I/O; `WRONG_TYPE`; the pool's errors.
 */
export const serializeAndSetHashFieldIfNotExist =
  (connection: RedisConnection) =>
  async (key: string, field: string, value: unknown, ttl?: number): Promise<SetnxReply> => {
    const operation = "serializeAndSetHashFieldIfNotExist";
    const seconds = hashFieldTtl(connection, key, field, ttl, operation);
    const encoded = encodeValue(connection.codec, value, { operation, key });
    return connection.send(operation, HSETNX_WITH_EXPIRY(key, field, encoded, seconds));
  };

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
export const serializeAndSetMultipleHashFieldIfNotExist =
  (connection: RedisConnection) =>
  async (pairs: ReadonlyArray<readonly [string, unknown]>, field: string, ttl?: number): Promise<SetnxReply[]> => {
    const operation = "serializeAndSetMultipleHashFieldIfNotExist";
    assertPairs(pairs, operation, undefined, "pairs", "[key, value]");
    for (const [key] of pairs) assertKey(key, operation);
    assertName(field, operation, undefined, "field");
    const seconds = ttlOrDefault(ttl, connection.settings.defaultHashTtl, operation, undefined);
    const commands = pairs.map(([key, value]) => HSETNX_WITH_EXPIRY(key as string, field, encodeValue(connection.codec, value, { operation, key: key as string }), seconds));
    return Promise.all(commands.map((command) => connection.send(operation, command)));
  };

/**
 * `HGET key field`, decoded with the connection's codec.
 * @param typeName the application type, named in errors (`PaymentIntent`).
 * @returns the decoded value. A tenant view with `fallbackToUnprefixed` retries a miss (missing
 * field or key) on the bare key (declared legacy names only).
 * @throws RedisError `INVALID_ARGUMENT` (bad key, field or type name) before any I/O; `NOT_FOUND`
 * (naming key, field and type) when the field or key is missing; `DESERIALIZATION_FAILED` (naming
 * key and type) when the stored text does not decode, an empty string included (the original
 * reported that as not found; here an existing field is never "not found"); `WRONG_TYPE`; the pool's errors.
 */
export const getHashFieldAndDeserialize =
  (connection: RedisConnection) =>
  async <T>(key: string, field: string, typeName: string): Promise<T> => {
    const operation = "getHashFieldAndDeserialize";
    assertKey(key, operation);
    assertName(field, operation, key, "field");
    assertName(typeName, operation, key, "typeName");
    return connection.send(operation, HGET_DECODED<T>(key, field, typeName, operation));
  };
