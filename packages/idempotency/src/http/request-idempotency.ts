/** What a route sees of its request's idempotency (`req.idempotency` / `request.idempotency`). */
export interface RequestIdempotency {
  /** The `Idempotency-Key` header's value. */
  readonly key: string;
  /** This request's fencing token: pass it to downstream writes so they can refuse a stale holder. */
  readonly fencingToken: number;
  /** Aborted when the lease is lost (see `run`). */
  readonly signal: AbortSignal;
}
