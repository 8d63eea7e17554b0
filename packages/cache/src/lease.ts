import { randomUUID } from "node:crypto";
import type { RedisConnection } from "@redis-interface/core";
import { LEASE_ACQUIRE, LEASE_HELD, LEASE_RELEASE } from "./commands/cache.js";

/** How long a loading instance holds the lease, and how long the others wait for its result before loading themselves. */
export const LEASE_MS = 5_000;
const POLL_MS = 20;

/** The lease key of cache key `key` (under the connection's prefix like the key itself, in the same cluster slot when `key` has a hash tag). */
export function leaseKey(key: string): string {
  return `${key}:cache-lease`;
}

/**
 * Cross-instance single flight: takes the lease of `key` (SET NX PX) and, if taken, runs `load`
 * and releases it (only if still ours). Otherwise polls `lookup` until it finds a value, the
 * lease is gone, or `LEASE_MS` passed; then returns `lookup`'s value or runs `load` itself.
 */
export async function withLease<T>(connection: RedisConnection, operation: string, key: string, lookup: () => Promise<{ found: boolean; value: T }>, load: () => Promise<T>): Promise<T> {
  const lease = leaseKey(key);
  const token = randomUUID();
  if (await connection.send(operation, LEASE_ACQUIRE(lease, token, LEASE_MS))) {
    try {
      return await load();
    } finally {
      await connection.send(operation, LEASE_RELEASE(lease, token)).catch(() => undefined);
    }
  }
  const deadline = performance.now() + LEASE_MS;
  while (performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const seen = await lookup();
    if (seen.found) return seen.value;
    if (!(await connection.send(operation, LEASE_HELD(lease)))) break;
  }
  const seen = await lookup();
  return seen.found ? seen.value : load();
}
