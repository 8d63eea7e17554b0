import { bindOperations, type BoundOperations, type RedisConnection } from "@redis-interface/core";
import { consumerGroupAutoClaim, consumerGroupPending, consumerGroupSetMessageOwner } from "./claim-commands.js";
import { consumerGroupCreate, consumerGroupDeleteConsumer, consumerGroupDestroy, consumerGroupInfo, consumerGroupSetLastId } from "./group-commands.js";
import { streamAcknowledgeEntries, streamReadWithOptions } from "./group-read.js";

/** Every public consumer-group function, as an operation of a connection. */
const operations = {
  consumerGroupCreate,
  consumerGroupDestroy,
  consumerGroupDeleteConsumer,
  consumerGroupSetLastId,
  consumerGroupInfo,
  consumerGroupSetMessageOwner,
  consumerGroupAutoClaim,
  consumerGroupPending,
  streamReadWithOptions,
  streamAcknowledgeEntries,
};

/**
 * The consumer-group commands of Hyperswitch's `redis_interface` (camelCased), plus XAUTOCLAIM,
 * XPENDING and XINFO GROUPS, bound to one connection. Stream names are the caller's; the
 * connection's prefix is applied by core. Group and consumer names are sent as they are. Every
 * failure is a `RedisError`: `INVALID_ARGUMENT` / `INVALID_ENTRY_ID` / `CROSS_SLOT` for bad input
 * (before any I/O), `COMMAND_FAILED` with `replyCode` (`'NOGROUP'`, `'BUSYGROUP'`) for a missing or
 * existing group, `WRONG_TYPE` for a key that is not a stream, and the pool's `CONNECTION_FAILED`,
 * `COMMAND_TIMEOUT`, `BACKPRESSURE`, `CLOSED`. Each error's `operation` is the method's name and
 * `key` the stream as the caller wrote it.
 */
export type ConsumerGroupStore = BoundOperations<typeof operations>;

/**
 * The consumer-group commands on a connection: a pool, a `withKeyPrefix` view or a tenant view.
 * No I/O; holds no state of its own: create it once and share it.
 * @returns the bound functions (a frozen object, safe to destructure).
 */
export function consumerGroups(connection: RedisConnection): ConsumerGroupStore {
  return bindOperations(connection, operations);
}
