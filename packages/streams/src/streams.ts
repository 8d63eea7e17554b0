import { bindOperations, type BoundOperations, type RedisConnection } from "@redis-interface/core";
import { streamAppendEntry } from "./append.js";
import { streamGetLength } from "./length.js";
import { streamRange } from "./range.js";
import { streamReadEntries, streamReadWithOptions } from "./read.js";
import { streamDeleteEntries, streamTrimEntries } from "./trim-delete.js";

/** Every public stream function, as an operation of a connection. */
const operations = {
  streamAppendEntry,
  streamReadEntries,
  streamReadWithOptions,
  streamDeleteEntries,
  streamTrimEntries,
  streamGetLength,
  streamRange,
};

/**
 * The stream functions of Hyperswitch's `redis_interface` (camelCased), plus `streamRange`, bound
 * to one connection. Stream names are the caller's; the connection's prefix is applied by core,
 * and read results are keyed by the names as given. Every failure is a `RedisError`:
 * `INVALID_ARGUMENT` for bad input and `INVALID_ENTRY_ID` for a malformed id (both before any
 * I/O), `CROSS_SLOT` for a multi-stream read across cluster slots (before any I/O), `WRONG_TYPE`
 * for a key of another type, and the pool's `CONNECTION_FAILED`, `COMMAND_TIMEOUT`,
 * `BACKPRESSURE`, `CLOSED`.
 */
export type StreamStore = BoundOperations<typeof operations>;

/**
 * The stream surface on a connection: a pool, a `withKeyPrefix` view or a tenant view. No I/O;
 * holds no state of its own: create it once and share it.
 * @returns the bound stream functions (a frozen object, safe to destructure).
 */
export function streams(connection: RedisConnection): StreamStore {
  return bindOperations(connection, operations);
}
