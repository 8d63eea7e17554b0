import { RedisError, isRedisError, type RedisConnection } from "@redis-interface/core";
import { RENEW } from "./commands/transitions.js";

/** A held lease being renewed: `signal` aborts when it is lost. */
export interface LeaseKeeper {
  readonly signal: AbortSignal;
  /** Stops renewing; a renewal still in flight is ignored. */
  stop(): void;
}

/**
 * Renews the lease of `token` every `leaseMs / 3` (RENEW script, one at a time). The lease is lost,
 * and `signal` aborted with `IDEMPOTENCY_LEASE_LOST`, when Redis says another token (or none) holds
 * it, or when no renewal succeeded for a whole `leaseMs` (it may have expired), or when the pool is
 * closed.
 */
export function keepLease(connection: RedisConnection, operation: string, key: string, token: number, leaseMs: number, retentionMs: number): LeaseKeeper {
  const controller = new AbortController();
  let confirmedAt = Date.now();
  let stopped = false;
  let renewing = false;

  const lose = (why: string): void => {
    stop();
    controller.abort(new RedisError("IDEMPOTENCY_LEASE_LOST", { operation, key, message: `the lease of fencing token ${token} was lost: ${why}` }));
  };
  const renew = (): void => {
    if (stopped) return;
    if (Date.now() - confirmedAt >= leaseMs) {
      lose("no renewal succeeded within the lease");
      return;
    }
    if (renewing) return;
    renewing = true;
    const sentAt = Date.now();
    connection.send(operation, RENEW(key, token, leaseMs, retentionMs)).then(
      (held) => {
        renewing = false;
        if (stopped) return;
        if (!held) lose("another call holds it or it expired");
        else confirmedAt = sentAt;
      },
      (error: unknown) => {
        renewing = false;
        if (stopped) return;
        if (isRedisError(error, "CLOSED")) lose("the pool was closed");
      },
    );
  };
  const timer = setInterval(renew, Math.max(10, Math.floor(leaseMs / 3)));
  timer.unref();
  function stop(): void {
    stopped = true;
    clearInterval(timer);
  }
  return { signal: controller.signal, stop };
}
