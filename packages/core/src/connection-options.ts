import type { RedisError } from "./errors.js";
import { optionsObject } from "./validate.js";

const BLOCKING_OPTIONS = ["timeoutMs", "signal"];
const DEDICATED_OPTIONS = ["reconnect", "shardedSubscribers", "resp2"];
const PREFIX_OPTIONS = ["hashTag"];

/**
 * Checks `sendBlocking`/`executeBlocking`'s options (only `timeoutMs` and `signal`).
 * @returns the `INVALID_ARGUMENT` error to reject with, or undefined when they are fine.
 */
export function blockingOptionsError(options: unknown, operation: string, key: string | undefined): RedisError | undefined {
  try {
    optionsObject(options as object | undefined, BLOCKING_OPTIONS, operation, key);
    return undefined;
  } catch (error) {
    return error as RedisError;
  }
}

/** Checks `createDedicatedConnection`'s options. @throws RedisError `INVALID_ARGUMENT` naming an unknown option. */
export function checkDedicatedOptions(options: unknown, operation: string): void {
  optionsObject(options as object | undefined, DEDICATED_OPTIONS, operation);
}

/** Checks `withKeyPrefix`'s options. @throws RedisError `INVALID_ARGUMENT` naming an unknown option. */
export function checkPrefixOptions(options: unknown): void {
  optionsObject(options as object | undefined, PREFIX_OPTIONS, "withKeyPrefix");
}
