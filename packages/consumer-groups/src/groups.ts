import type { RedisConnection } from "@redis-interface/core";
import * as claim from "./claim-commands.js";
import * as groupCommands from "./group-commands.js";
import * as groupRead from "./group-read.js";
import type { ConsumerGroupStore } from "./store.js";
import type { PendingEntry, PendingRangeOptions, PendingSummary } from "./types.js";

/**
 * The consumer-group commands on a connection: a pool, a `withKeyPrefix` view or a tenant view.
 * Holds no state of its own; create it once and share it.
 */
export function consumerGroups(connection: RedisConnection): ConsumerGroupStore {
  const c = connection;
  function consumerGroupPending(stream: string, group: string): Promise<PendingSummary>;
  function consumerGroupPending(stream: string, group: string, options: PendingRangeOptions): Promise<PendingEntry[]>;
  function consumerGroupPending(stream: string, group: string, options?: PendingRangeOptions): Promise<PendingSummary | PendingEntry[]> {
    return options === undefined ? claim.consumerGroupPending(c, stream, group) : claim.consumerGroupPending(c, stream, group, options);
  }
  return {
    consumerGroupCreate: (stream, group, id, options) => groupCommands.consumerGroupCreate(c, stream, group, id, options),
    consumerGroupDestroy: (stream, group) => groupCommands.consumerGroupDestroy(c, stream, group),
    consumerGroupDeleteConsumer: (stream, group, consumer) => groupCommands.consumerGroupDeleteConsumer(c, stream, group, consumer),
    consumerGroupSetLastId: (stream, group, id) => groupCommands.consumerGroupSetLastId(c, stream, group, id),
    consumerGroupInfo: (stream, group) => groupCommands.consumerGroupInfo(c, stream, group),

    consumerGroupSetMessageOwner: (stream, group, consumer, minIdleMs, ids) => claim.consumerGroupSetMessageOwner(c, stream, group, consumer, minIdleMs, ids),
    consumerGroupAutoClaim: (stream, group, consumer, minIdleMs, options) => claim.consumerGroupAutoClaim(c, stream, group, consumer, minIdleMs, options),
    consumerGroupPending,

    streamReadWithOptions: (streams, ids, options) => groupRead.streamReadWithOptions(c, streams, ids, options),
    streamAcknowledgeEntries: (stream, group, ids) => groupRead.streamAcknowledgeEntries(c, stream, group, ids),
  };
}
