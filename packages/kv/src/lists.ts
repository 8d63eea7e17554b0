import { RedisError, type RedisConnection } from "@redis-interface/core";
import type { RedisValue } from "./types.js";
import { assertInteger, assertKey, assertValues } from "./validate.js";

/**
 * Sends `RPUSH key element…` (appends in the given order; no TTL is set).
 * @returns the list's length after the push.
 * @throws RedisError `INVALID_ARGUMENT` for an empty key, an empty list or an element that is not a
 *   string, number or Buffer; `WRONG_TYPE` when the key holds another type.
 */
export async function appendElementsToList(connection: RedisConnection, key: string, elements: readonly RedisValue[]): Promise<number> {
  assertKey(key, "appendElementsToList");
  assertValues(elements, "appendElementsToList", key, "element");
  return connection.execute("appendElementsToList", key, (client) => client.rpush(connection.keys.key(key), ...elements));
}

/**
 * Sends `LRANGE key start stop` (inclusive indexes; negative ones count from the end, -1 is the last).
 * @returns the elements in the range as strings; `[]` when the key is missing or the range is empty.
 * @throws RedisError `INVALID_ARGUMENT` for an empty key or a non-integer index; `WRONG_TYPE` when
 *   the key holds another type.
 */
export async function getListElements(connection: RedisConnection, key: string, start: number, stop: number): Promise<string[]> {
  assertKey(key, "getListElements");
  assertInteger(start, "getListElements", key, "start");
  assertInteger(stop, "getListElements", key, "stop");
  return connection.execute("getListElements", key, (client) => client.lrange(connection.keys.key(key), start, stop));
}

/**
 * Sends `LLEN key`.
 * @returns the list's length (0 when the key is missing).
 * @throws RedisError `INVALID_ARGUMENT` for an empty key; `WRONG_TYPE` when the key holds another type.
 */
export async function getListLength(connection: RedisConnection, key: string): Promise<number> {
  assertKey(key, "getListLength");
  return connection.execute("getListLength", key, (client) => client.llen(connection.keys.key(key)));
}

/**
 * Sends `LPOP key count`, or `LPOP key` without `count` (Redis deletes the key when it empties).
 * @returns the popped elements, head first: at most `count` (one without `count`); `[]` when the
 *   key is missing.
 * @throws RedisError `INVALID_ARGUMENT` for an empty key or a `count` that is not a positive
 *   integer; `WRONG_TYPE` when the key holds another type.
 */
export async function lpopListElements(connection: RedisConnection, key: string, count?: number): Promise<string[]> {
  assertKey(key, "lpopListElements");
  const redisKey = connection.keys.key(key);
  if (count === undefined) {
    const element = await connection.execute("lpopListElements", key, (client) => client.lpop(redisKey));
    return element === null ? [] : [element];
  }
  assertInteger(count, "lpopListElements", key, "count");
  if (count <= 0) throw new RedisError("INVALID_ARGUMENT", { operation: "lpopListElements", key, message: `count must be a positive integer, got ${count}` });
  const elements = await connection.execute("lpopListElements", key, (client) => client.lpop(redisKey, count));
  return elements ?? [];
}
