export { consumerGroups } from "./groups.js";
export type { ConsumerGroupStore } from "./groups.js";
export type {
  AutoClaimOptions,
  AutoClaimResult,
  ConsumerGroupCreateOptions,
  ConsumerGroupInfo,
  PendingConsumer,
  PendingEntry,
  PendingRangeOptions,
  PendingSummary,
  ReadGroup,
  StreamEntry,
  StreamReadOptions,
  StreamReadResult,
} from "./types.js";
export { createConsumer } from "./consumer.js";
export type { Consumer, ConsumerEvents, ConsumerOptions, ConsumerStats, DeliveryContext } from "./consumer.js";
