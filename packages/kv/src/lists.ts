import type { RedisConnection } from "@redis-interface/core";
import { assertInteger, assertKey, assertPositiveInteger, assertValues } from "@redis-interface/core/internal";
import { LLEN, LPOP, LRANGE, RPUSH } from "./commands/lists.js";
import { keyOperation } from "./key-operation.js";
import type { RedisValue } from "./types.js";

/**
 * `RPUSH key element…` (appends in the given order; no TTL is set).
 * @returns the list's length after the push.
 * @throws RedisError `INVALID_ARGUMENT` for an empty key, an empty list or an element that is not a
 * string, a finite number or a Buffer, before any I/O; `WRONG_TYPE` when the key holds another type; the pool's errors.
 */
export const appendElementsToList =
  (connection: RedisConnection) =>
  async (key: string, elements: readonly RedisValue[]): Promise<number> => {
    assertKey(key, "appendElementsToList");
    assertValues(elements, "appendElementsToList", key, "elements");
    return connection.send("appendElementsToList", RPUSH(key, elements));
  };

/**
 * `LRANGE key start stop` (inclusive indexes; negative ones count from the end, -1 is the last).
 * @returns the elements in the range as strings; `[]` when the key is missing or the range is empty.
 * @throws RedisError `INVALID_ARGUMENT` for an empty key or a non-integer index; `WRONG_TYPE` when
 * the key holds another type; the pool's errors.
 */
export const getListElements =
  (connection: RedisConnection) =>
  async (key: string, start: number, stop: number): Promise<string[]> => {
    assertKey(key, "getListElements");
    assertInteger(start, "getListElements", key, "start");
    assertInteger(stop, "getListElements", key, "stop");
    return connection.send("getListElements", LRANGE(key, start, stop));
  };

/**
 * `LLEN key`.
 * @returns the list's length (0 when the key is missing).
 * @throws RedisError `INVALID_ARGUMENT` for an empty key; `WRONG_TYPE` when the key holds another type; the pool's errors.
 */
export const getListLength = keyOperation("getListLength", LLEN);

/**
 * `LPOP key count`, or `LPOP key` without `count` (Redis deletes the key when it empties).
 * @returns the popped elements, head first: at most `count` (one without `count`); `[]` when the key is missing.
 * @throws RedisError `INVALID_ARGUMENT` for an empty key or a `count` that is not a positive
 * integer, before any I/O; `WRONG_TYPE` when the key holds another type; the pool's errors.
 */
export const lpopListElements =
  (connection: RedisConnection) =>
  async (key: string, count?: number): Promise<string[]> => {
    assertKey(key, "lpopListElements");
    if (count !== undefined) assertPositiveInteger(count, "lpopListElements", key, "count");
    return connection.send("lpopListElements", LPOP(key, count));
  };
