import { assertIntegerIn, assertName, assertOptionalBoolean, invalidArgument, optionsObject } from "@redis-interface/core/internal";
import type { CacheOptions } from "./types.js";

/** The options of `createCache` with every default applied. */
export interface ResolvedCacheOptions {
  readonly maxEntries: number;
  readonly maxBytes: number;
  readonly ttlMs: number;
  readonly maxStalenessMs: number;
  readonly mode: "tracking" | "broadcast" | "pubsub";
  /** The channel of `{ pubsub: channel }`, else undefined. */
  readonly channel: string | undefined;
  readonly crossInstanceSingleFlight: boolean;
  readonly graceMs: number;
  readonly negativeTtlMs: number;
}

const KNOWN = ["maxEntries", "maxBytes", "ttlMs", "maxStalenessMs", "invalidation", "crossInstanceSingleFlight", "graceMs", "negativeTtlMs"];
const MAX = Number.MAX_SAFE_INTEGER;
/** Below this the heartbeat (a quarter of it) would be a busy loop. */
const MIN_STALENESS_MS = 20;

/**
 * Checks `createCache`'s options and applies the defaults.
 * @throws RedisError `INVALID_ARGUMENT` naming the option (unknown names included).
 */
export function resolveCacheOptions(options: CacheOptions | undefined): ResolvedCacheOptions {
  const operation = "createCache";
  const given = optionsObject(options, KNOWN, operation);
  const integer = (name: keyof CacheOptions, fallback: number, min: number): number => {
    const value = given[name];
    if (value === undefined) return fallback;
    assertIntegerIn(value, min, MAX, operation, undefined, name);
    return value;
  };
  assertOptionalBoolean(given.crossInstanceSingleFlight, operation, undefined, "crossInstanceSingleFlight");
  const invalidation = given.invalidation ?? "tracking";
  let mode: ResolvedCacheOptions["mode"];
  let channel: string | undefined;
  if (invalidation === "tracking" || invalidation === "broadcast") mode = invalidation;
  else if (typeof invalidation === "object" && invalidation !== null && !Array.isArray(invalidation)) {
    optionsObject(invalidation, ["pubsub"], operation);
    assertName(invalidation.pubsub, operation, undefined, "invalidation.pubsub");
    mode = "pubsub";
    channel = invalidation.pubsub;
  } else {
    throw invalidArgument(operation, undefined, 'invalidation must be "tracking", "broadcast" or { pubsub: channel }');
  }
  return {
    maxEntries: integer("maxEntries", 10_000, 1),
    maxBytes: integer("maxBytes", MAX, 1),
    ttlMs: integer("ttlMs", 300_000, 1),
    maxStalenessMs: integer("maxStalenessMs", 1_000, MIN_STALENESS_MS),
    mode,
    channel,
    crossInstanceSingleFlight: given.crossInstanceSingleFlight ?? false,
    graceMs: integer("graceMs", 0, 0),
    negativeTtlMs: integer("negativeTtlMs", 0, 0),
  };
}

/**
 * Checks the `{ ttlMs? }` options of `set` and `getOrLoad`.
 * @returns the TTL to use.
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function resolveTtl(options: { ttlMs?: number } | undefined, fallback: number, operation: string, key: string): number {
  const given = optionsObject(options, ["ttlMs"], operation, key);
  if (given.ttlMs === undefined) return fallback;
  assertIntegerIn(given.ttlMs, 1, MAX, operation, key, "ttlMs");
  return given.ttlMs;
}
