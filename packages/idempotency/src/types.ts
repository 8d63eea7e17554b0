/** Options of `createIdempotency`. Unknown names are `INVALID_ARGUMENT`. */
export interface IdempotencyOptions {
  /** How long a completed result is replayed, in seconds (default 86 400). */
  retentionSeconds?: number;
  /** Lease of a running handler in ms (default 10 000), renewed every `leaseMs / 3` while it runs. */
  leaseMs?: number;
  /** > 0: a duplicate waits up to this long (ms) for the running call instead of failing at once (default 0). */
  waitMs?: number;
  /**
   * Called when the handler throws: a value returned here is stored as the final result (and
   * replayed); `undefined` stores nothing and releases the lease, so the next call runs again.
   */
  storeError?: (error: unknown) => unknown;
  /** `"wait"`: after storing, WAIT for one replica to acknowledge before resolving (default `"none"`). */
  durability?: "none" | "wait";
  /** How long `durability: "wait"` waits for a replica, in ms (default 1 000). */
  durabilityTimeoutMs?: number;
}

/** What the handler is given. */
export interface IdempotencyContext {
  /** This call's fencing token: larger than every earlier token of the key (while its record exists). */
  readonly fencingToken: number;
  /** Aborted when the lease is lost (renewal refused or impossible for a whole `leaseMs`). */
  readonly signal: AbortSignal;
}

/** What `run` resolves. */
export interface IdempotencyResult<T> {
  /** The handler's value (first call) or the stored one (replay), decoded by the connection's codec. */
  readonly value: T;
  /** True when the value was stored by an earlier call and the handler was not called. */
  readonly replayed: boolean;
  /** The token of the call that produced the value. */
  readonly fencingToken: number;
}

/** The handler `run` calls at most once per key (while the key's result is retained). */
export type IdempotentHandler<T> = (context: IdempotencyContext) => Promise<T> | T;
