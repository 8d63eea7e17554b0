import { RedisError, decodeValue, encodeValue, isRedisError, type RedisConnection } from "@redis-interface/core";
import { assertKey, assertName, invalidArgument } from "@redis-interface/core/internal";
import { ACQUIRE, COMPLETE, RELEASE, type AcquireReply } from "./commands/transitions.js";
import { waitForReplica } from "./durability.js";
import { keepLease } from "./lease-keeper.js";
import type { IdempotencySettings } from "./options.js";
import type { IdempotencyResult, IdempotentHandler } from "./types.js";

const OPERATION = "run";
const FIRST_POLL_MS = 20;
const MAX_POLL_MS = 500;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * ACQUIRE until it is not busy or `waitMs` has passed: polls with exponential backoff (never
 * past the deadline, never much past the holder's remaining lease).
 */
async function acquire(connection: RedisConnection, key: string, fingerprint: string, settings: IdempotencySettings): Promise<AcquireReply> {
  const deadline = Date.now() + settings.waitMs;
  for (let attempt = 0; ; attempt++) {
    const reply = await connection.send(OPERATION, ACQUIRE(key, fingerprint, settings.leaseMs, settings.retentionMs));
    const left = deadline - Date.now();
    if (reply.state !== "busy" || left <= 0) return reply;
    const backoff = Math.min(MAX_POLL_MS, FIRST_POLL_MS * 2 ** Math.min(attempt, 10));
    await sleep(Math.min(left, backoff, Math.max(1, reply.pttlMs)));
  }
}

/** Stores `value` under `token` (and waits for a replica with `durability: "wait"`). */
async function complete(connection: RedisConnection, key: string, fingerprint: string, token: number, value: unknown, settings: IdempotencySettings): Promise<void> {
  const text = encodeValue(connection.codec, value, { operation: OPERATION, key });
  const stored = await connection.send(OPERATION, COMPLETE(key, token, fingerprint, text, settings.retentionMs));
  if (!stored) {
    throw new RedisError("IDEMPOTENCY_LEASE_LOST", { operation: OPERATION, key, message: `fencing token ${token} no longer holds the lease (it expired and another call may have taken it): the result was not stored` });
  }
  if (settings.durability === "wait") await waitForReplica(connection, OPERATION, key, settings.retentionMs, settings.durabilityTimeoutMs);
}

/** Lets the lease go after a failed handler; the lease's TTL ends it anyway if this fails. */
async function release(connection: RedisConnection, key: string, token: number): Promise<void> {
  try {
    await connection.send(OPERATION, RELEASE(key, token));
  } catch {
    // the error the caller sees is the handler's; the lease expires within leaseMs
  }
}

/** The handler's outcome: its value, or (when it threw) what `storeError` made of the error. */
async function callHandler<T>(handler: IdempotentHandler<T>, token: number, signal: AbortSignal, settings: IdempotencySettings): Promise<{ value: T } | { error: unknown }> {
  try {
    return { value: await handler({ fencingToken: token, signal }) };
  } catch (error) {
    let stored: unknown;
    try {
      stored = settings.storeError?.(error);
    } catch {
      // a failing storeError stores nothing: the handler's own error is what the caller sees
    }
    return stored === undefined ? { error } : { value: stored as T };
  }
}

/**
 * Runs `handler` under a lease, or replays the stored value (see the README for every outcome).
 * Sends the acquire script (`EVALSHA`; polled while busy, up to `waitMs`), the renew script every
 * `leaseMs / 3` while the handler runs, then the complete script (store + release in one step,
 * only while this call's token holds the lease) or the release script; with `durability: "wait"`,
 * after storing and before replaying, a script rewriting the record's expiry unchanged and `WAIT 1`
 * on a dedicated connection.
 * @returns `{ value, replayed, fencingToken }`.
 * @throws RedisError `INVALID_ARGUMENT` (before any I/O), `IDEMPOTENCY_MISMATCH`,
 *   `IDEMPOTENCY_IN_PROGRESS` (with `retryAfterMs`), `IDEMPOTENCY_LEASE_LOST`, `NOT_DURABLE`,
 *   `SERIALIZATION_FAILED`, `DESERIALIZATION_FAILED`, `WRONG_TYPE`, and the pool's errors; or
 *   whatever the handler threw (nothing stored, lease released).
 */
export const run =
  (settings: IdempotencySettings) =>
  (connection: RedisConnection) =>
  async <T>(key: string, fingerprint: string, handler: IdempotentHandler<T>): Promise<IdempotencyResult<T>> => {
    assertKey(key, OPERATION);
    assertName(fingerprint, OPERATION, key, "fingerprint");
    if (typeof handler !== "function") throw invalidArgument(OPERATION, key, `handler must be a function, got ${typeof handler}`);

    const found = await acquire(connection, key, fingerprint, settings);
    if (found.state === "stored") {
      const value = decodeValue<T>(connection.codec, found.value, { operation: OPERATION, key });
      // the call that stored it may have failed NOT_DURABLE: replay only what a replica holds
      if (settings.durability === "wait") await waitForReplica(connection, OPERATION, key, settings.retentionMs, settings.durabilityTimeoutMs);
      return { value, replayed: true, fencingToken: found.token };
    }
    if (found.state === "mismatch") {
      throw new RedisError("IDEMPOTENCY_MISMATCH", { operation: OPERATION, key, message: "the key was used with another fingerprint (a different request)" });
    }
    if (found.state === "busy") {
      const retryAfterMs = found.pttlMs > 0 ? found.pttlMs : settings.leaseMs;
      throw new RedisError("IDEMPOTENCY_IN_PROGRESS", { operation: OPERATION, key, message: `another call holds the lease; retry in ${retryAfterMs} ms`, retryAfterMs });
    }

    const token = found.token;
    const lease = keepLease(connection, OPERATION, key, token, settings.leaseMs, settings.retentionMs);
    const outcome = await callHandler(handler, token, lease.signal, settings);
    lease.stop();
    if ("error" in outcome) {
      await release(connection, key, token);
      throw outcome.error;
    }
    try {
      await complete(connection, key, fingerprint, token, outcome.value, settings);
    } catch (error) {
      // a value that cannot be encoded was never stored: let the next call run
      if (isRedisError(error, "SERIALIZATION_FAILED")) await release(connection, key, token);
      throw error;
    }
    return { value: outcome.value, replayed: false, fencingToken: token };
  };
