export { pubsub, PubSub, DEFAULT_MAX_BUFFERED_MESSAGES } from "./pubsub.js";
export type { MessageHandler, MessageInfo, MessageStream, PubSubDescription, PubSubEvents, PubSubOptions, PubSubStats, Subscription } from "./types.js";
