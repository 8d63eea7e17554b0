import type { RedisCommand, RedisConnection } from "@redis-interface/core";
import { keyError } from "./checks.js";

/**
 * The operation of a command that takes only a key (`TTL key`, `SCARD key`, …): checks `key`, then
 * sends `build(key)` as `operation`.
 * @returns `(connection) => (key) => Promise<R>`; a bad key is an `INVALID_ARGUMENT` rejection, before any I/O.
 */
export function keyOperation<R>(operation: string, build: (key: string) => RedisCommand<R>): (connection: RedisConnection) => (key: string) => Promise<R> {
  return (connection) => (key) => {
    const error = keyError(key, operation);
    return error === undefined ? connection.send(operation, build(key)) : Promise.reject(error);
  };
}
