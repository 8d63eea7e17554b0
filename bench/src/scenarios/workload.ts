/** Keys of the GET/SET workload (prefilled; the key of op `i` is a hash of `i`). */
export const KEY_COUNT = 10_000;

/** The 100-byte value written by every SET. */
export const VALUE_100B = "v".repeat(100);

/** The key of operation `i` among `keys` (Knuth's multiplicative hash spreads consecutive `i`). */
export function keyOf(keys: readonly string[], i: number): string {
  return keys[(Math.imul(i, 2_654_435_761) >>> 0) % keys.length] as string;
}

/** `prefix:0` … `prefix:KEY_COUNT-1`. */
export function makeKeys(prefix: string): string[] {
  return Array.from({ length: KEY_COUNT }, (_, index) => `${prefix}:${index}`);
}

/** Even operations read, odd ones write: half GET, half SET. */
export function isRead(i: number): boolean {
  return (i & 1) === 0;
}

/** Calls `write` for every key, 1,000 at a time (the pool's `maxInFlightCommands` is 5,000). */
export async function forEachKey(keys: readonly string[], write: (key: string) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < keys.length; start += 1_000) await Promise.all(keys.slice(start, start + 1_000).map(write));
}
