/**
 * `@redis-interface/streams/internal`: what @redis-interface/consumer-groups builds on and users
 * do not need. No semver promise: it changes with the packages that use it.
 */
export { streamReadCommand } from "./commands/read.js";
export type { StreamReadRequest } from "./commands/read.js";
export { checkedRead, checkedSignal, sendRead, MAX_BLOCK_MS } from "./read-request.js";
export type { ReadIdRules } from "./read-request.js";
export { entryIds, invalidEntryId } from "./entry-id.js";
export { toEntry, toEntries, toReadResult } from "./entries.js";
export { streamFieldArgs } from "./fields.js";
