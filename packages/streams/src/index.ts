export { streams } from "./streams.js";
export type { StreamStore } from "./streams.js";
export type { AppendOptions, ReadOptions, TrimOptions } from "./types.js";
export { RedisEntryId, validateEntryId } from "./entry-id.js";
export type { EntryId, EntryIdUse } from "./entry-id.js";
export type { StreamEntry, StreamFields, StreamReadResult } from "./entries.js";
