export { consumerGroups } from "./groups.js";
export type { ConsumerGroupStore } from "./store.js";
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
export * from "./consumer.js";
