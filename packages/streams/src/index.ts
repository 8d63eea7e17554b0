export { streams } from "./streams.js";
export type { StreamStore } from "./store.js";
export type { AppendOptions, ReadOptions, TrimOptions } from "./types.js";
export { streamFieldArgs } from "./fields.js";
export { assertOneSlot } from "./validate.js";
export * from "./entry-id.js";
export * from "./entries.js";
