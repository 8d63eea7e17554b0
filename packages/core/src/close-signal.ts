import type { RedisConnection } from "./connection.js";

/**
 * The property under which a pool (and every view of it, tenant views included) exposes the
 * `AbortSignal` its `close()` aborts. A symbol, so it is not part of the public surface;
 * `Symbol.for`, so pools and views from two copies of core agree.
 */
export const CLOSE_SIGNAL: unique symbol = Symbol.for("@redis-interface/core.closeSignal") as never;

/** A connection that tells when its pool closes. */
export interface ClosableConnection {
  readonly [CLOSE_SIGNAL]: AbortSignal;
}

const NEVER = new AbortController().signal;

/**
 * The signal aborted when the pool behind `connection` (a pool, or any view of it) starts closing:
 * what long-lived work built on it (subscriptions, message iterators, workers) listens to so that
 * closing the pool ends it at once. A connection that is not a pool or a view gets a signal that
 * never aborts.
 */
export function poolCloseSignal(connection: RedisConnection): AbortSignal {
  const signal = (connection as Partial<ClosableConnection>)[CLOSE_SIGNAL];
  return signal instanceof AbortSignal ? signal : NEVER;
}
