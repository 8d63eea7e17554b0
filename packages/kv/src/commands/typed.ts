import { FIRST_KEY, RedisError, decodeValue, type RedisCommand } from "@redis-interface/core";
import { isNull } from "./replies.js";

/**
 * `GET key`, decoded with the codec of the connection it went through. A missing key is a miss a
 * view's read fallback retries; an existing key is decoded whatever it holds, the empty string too
 * (the built-in codecs refuse it: no codec writes it).
 * @returns the decoded value.
 * @throws (from `transform`) RedisError `NOT_FOUND` when the key is missing;
 * `DESERIALIZATION_FAILED` naming `operation`, `key` and `typeName` when the text (empty included)
 * does not decode.
 */
export function GET_DECODED<T>(key: string, typeName: string, operation: string): RedisCommand<T> {
  return {
    name: "GET",
    args: [key],
    keys: FIRST_KEY,
    miss: isNull,
    transform: (reply, through) => {
      if (reply === null) throw new RedisError("NOT_FOUND", { operation, key, message: `no ${typeName} stored under this key` });
      return decodeValue<T>(through.codec, reply as string, { operation, key, typeName });
    },
  };
}

/**
 * `HGET key field`, decoded with the codec of the connection it went through. A missing field or
 * key is a miss a view's read fallback retries; an existing field is decoded whatever it holds.
 * @returns the decoded value.
 * @throws (from `transform`) RedisError `NOT_FOUND` naming key, field and type when the field or
 * key is missing; `DESERIALIZATION_FAILED` when the text (empty included) does not decode.
 */
export function HGET_DECODED<T>(key: string, field: string, typeName: string, operation: string): RedisCommand<T> {
  return {
    name: "HGET",
    args: [key, field],
    keys: FIRST_KEY,
    miss: isNull,
    transform: (reply, through) => {
      if (reply === null) throw new RedisError("NOT_FOUND", { operation, key, message: `no ${typeName} in field "${field}" of hash "${key}"` });
      return decodeValue<T>(through.codec, reply as string, { operation, key, typeName });
    },
  };
}
