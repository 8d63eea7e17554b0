import { assertIntegerIn, invalidArgument, optionsObject } from "@redis-interface/core/internal";
import type { IdempotencyOptions } from "./types.js";

/** `IdempotencyOptions` with every default applied, checked. */
export interface IdempotencySettings {
  readonly retentionMs: number;
  readonly leaseMs: number;
  readonly waitMs: number;
  readonly storeError: ((error: unknown) => unknown) | undefined;
  readonly durability: "none" | "wait";
  readonly durabilityTimeoutMs: number;
}

const KNOWN: readonly (keyof IdempotencyOptions)[] = ["retentionSeconds", "leaseMs", "waitMs", "storeError", "durability", "durabilityTimeoutMs"];
const OPERATION = "createIdempotency";
/** Ten years: PEXPIRE takes far more, but a larger retention is a unit mistake. */
const MAX_RETENTION_SECONDS = 315_360_000;
/** One day: a lease is renewed while its handler runs, so it never needs to be long. */
const MAX_LEASE_MS = 86_400_000;
/** WAIT's own bound is a signed 64-bit; a day is far beyond any sensible wait. */
const MAX_WAIT_MS = 86_400_000;

/**
 * Checks `options` and applies the defaults.
 * @throws RedisError `INVALID_ARGUMENT` naming the bad or unknown option.
 */
export function idempotencySettings(options: IdempotencyOptions | undefined): IdempotencySettings {
  const {
    retentionSeconds = 86_400,
    leaseMs = 10_000,
    waitMs = 0,
    storeError,
    durability = "none",
    durabilityTimeoutMs = 1_000,
  } = optionsObject(options, KNOWN, OPERATION);
  assertIntegerIn(retentionSeconds, 1, MAX_RETENTION_SECONDS, OPERATION, undefined, "retentionSeconds");
  // leaseMs / 3 must be a usable timer period
  assertIntegerIn(leaseMs, 30, MAX_LEASE_MS, OPERATION, undefined, "leaseMs");
  assertIntegerIn(waitMs, 0, MAX_WAIT_MS, OPERATION, undefined, "waitMs");
  assertIntegerIn(durabilityTimeoutMs, 1, MAX_WAIT_MS, OPERATION, undefined, "durabilityTimeoutMs");
  if (storeError !== undefined && typeof storeError !== "function") throw invalidArgument(OPERATION, undefined, `storeError must be a function, got ${typeof storeError}`);
  if (durability !== "none" && durability !== "wait") throw invalidArgument(OPERATION, undefined, 'durability must be "none" or "wait"');
  return { retentionMs: retentionSeconds * 1_000, leaseMs, waitMs, storeError, durability, durabilityTimeoutMs };
}
