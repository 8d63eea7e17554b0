import { bindOperations, type BoundOperations, type RedisConnection } from "@redis-interface/core";
import { idempotencySettings, type IdempotencySettings } from "./options.js";
import { run } from "./run.js";
import type { IdempotencyOptions } from "./types.js";

/** Every public function of an idempotency instance, as an operation of the connection. */
const operationsOf = (settings: IdempotencySettings) => ({ run: run(settings) });

/**
 * An idempotency instance: `run(key, fingerprint, handler)` bound to a connection and its options.
 * Every failure is a `RedisError` (or the handler's own error); see `run`.
 */
export type Idempotency = BoundOperations<ReturnType<typeof operationsOf>>;

/**
 * Idempotency keys on `connection` (a pool, a `withKeyPrefix` view or a tenant view: keys live
 * under its prefix). Sends nothing and holds no state of its own; create it once and share it.
 * @throws RedisError `INVALID_ARGUMENT` for a bad connection or option, or an unknown option name.
 */
export function createIdempotency(connection: RedisConnection, options?: IdempotencyOptions): Idempotency {
  return bindOperations(connection, operationsOf(idempotencySettings(options)));
}
