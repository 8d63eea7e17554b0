/** How a cache learns that another client changed a key. */
export type CacheInvalidation = "tracking" | "broadcast" | { readonly pubsub: string };

/** Options of `createCache`. */
export interface CacheOptions {
  /** L1 bound on entries; the least recently used goes first. Default 10,000. */
  maxEntries?: number;
  /** L1 bound on bytes (UTF-8 length of each encoded value plus its key); default none. */
  maxBytes?: number;
  /** TTL of what `set` and `getOrLoad` write, in Redis (SET PX) and L1. Default 300,000. */
  ttlMs?: number;
  /** The staleness bound (see the README): L1 is bypassed when the invalidation link is not known healthy within it. Default 1,000. */
  maxStalenessMs?: number;
  /** `"tracking"` (default), `"broadcast"` (BCAST PREFIX of the view) or `{ pubsub: channel }` (Hyperswitch style). */
  invalidation?: CacheInvalidation;
  /** One instance loads a cold key while the others wait on its result (a Redis lease, SET NX PX). Default false. */
  crossInstanceSingleFlight?: boolean;
  /** After a loader fails, serve the last value for up to this long (counted in `stats().staleServed`). Default 0. */
  graceMs?: number;
  /** Remember a loader's `undefined` (not found) in L1 for this long. Default 0 (not remembered). */
  negativeTtlMs?: number;
}

/** Options of `getOrLoad`. */
export interface GetOrLoadOptions {
  /** TTL of the loaded value in Redis and L1; default the cache's `ttlMs`. */
  ttlMs?: number;
}

/** Options of `set`. */
export interface SetOptions {
  /** TTL of the value in Redis and L1; default the cache's `ttlMs`. */
  ttlMs?: number;
}

/** What `stats()` returns: counters since `createCache`, and the current state. */
export interface CacheStats {
  /** Reads answered from L1. */
  hits: number;
  /** Reads that went to Redis. */
  misses: number;
  /** Loader calls. */
  loads: number;
  /** L1 entries dropped to respect `maxEntries` / `maxBytes`. */
  evictions: number;
  /** L1 entries dropped because their key changed (an invalidation from Redis or another instance, `set`, `delete`, `invalidate`, `clear`, FLUSHALL), plus loads in flight when their key changed and reads whose value was not kept because their key changed while they were in flight. */
  invalidations: number;
  /** L1 entries now. */
  entries: number;
  /** L1 bytes now. */
  bytes: number;
  /** True while the invalidation link is not known to be healthy and L1 is not used. */
  bypassing: boolean;
  /** Reads answered with a last value after the loader failed (`graceMs`). */
  staleServed: number;
}

