import type { RedisConnection } from "@redis-interface/core";

/** Builds the names one property run uses: `name("hash")` → `<base>:hash`. */
export type Names = (suffix: string) => string;

/**
 * Drives every public function of one feature package through a connection, the way keyv's
 * shared contract suite drives every store: `write` stores data under the names, `destroy` runs
 * the package's deleting functions on the same names, `observe` runs every read and returns what
 * it saw, with the time-dependent parts (TTL values, idle times) reduced to stable facts.
 */
export interface FeatureDriver {
  readonly name: string;
  write(connection: RedisConnection, name: Names, seed: string): Promise<void>;
  destroy(connection: RedisConnection, name: Names): Promise<void>;
  observe(connection: RedisConnection, name: Names): Promise<unknown>;
}

/** A call's value, or the code of the RedisError it failed with (a missing key is a fact to compare). */
export async function settle<T>(promise: Promise<T>): Promise<{ value: T } | { code: string }> {
  try {
    return { value: await promise };
  } catch (error) {
    const code = (error as { code?: unknown; name?: unknown }).name === "RedisError" ? (error as { code: string }).code : undefined;
    if (code === undefined) throw error;
    return { code };
  }
}

/** Everything an async iterable yields. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** A SCAN/HSCAN glob that matches `literal` exactly (names may hold glob characters). */
export function globLiteral(literal: string): string {
  return literal.replace(/[*?[\]\\]/g, "\\$&");
}

/** `-2` missing, `-1` no expiry, or `'expires'`: what a TTL says, without the seconds that tick. */
export function ttlFact(ttl: number): number | "expires" {
  return ttl > 0 ? "expires" : ttl;
}
