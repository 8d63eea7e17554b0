export { createCache } from "./cache.js";
export type { RedisCache } from "./cache.js";
export type { CacheInvalidation, CacheOptions, CacheStats, GetOrLoadOptions, SetOptions } from "./types.js";
