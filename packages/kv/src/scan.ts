import type { RedisConnection } from "@redis-interface/core";
import { scanArguments, walks } from "./scan-walk.js";
import type { ScanOptions } from "./types.js";

/**
 * `SCAN cursor MATCH <view prefix + pattern> [COUNT n] [TYPE t]` until the cursor returns to 0, on
 * the server or, on a cluster, on every master (in parallel). The view's prefix is glob-escaped,
 * so a view only ever sees its own keys.
 * @param pattern a Redis glob under the view (`order:*`).
 * @param options `count`: COUNT hint per page (a positive integer); `type`: only keys of this type.
 * @returns every matching key once, without the view's prefix, in no particular order. Keys
 * written or deleted during the scan may or may not be included (Redis's SCAN guarantee).
 * @throws RedisError `INVALID_ARGUMENT` for an empty pattern, a bad `count`, an unknown `type` or
 * option; the pool's errors for any page (never swallowed); `CONNECTION_FAILED` when a cluster
 * master leaves during the scan.
 */
export const scan =
  (connection: RedisConnection) =>
  async (pattern: string, options?: ScanOptions): Promise<string[]> => {
    const args = scanArguments(connection, "scan", pattern, options);
    const seen = new Set<string>();
    let failed = false;
    const collect = async (pages: AsyncGenerator<string[]>): Promise<void> => {
      try {
        for await (const page of pages) {
          if (failed) return; // another master's walk failed: stop sending pages
          for (const key of page) seen.add(key);
        }
      } catch (error) {
        failed = true;
        throw error;
      }
    };
    await Promise.all((await walks(connection, "scan", args)).map(collect));
    return [...seen];
  };

/**
 * `scan` as an async generator: fetches one SCAN page at a time (one master after the other on a
 * cluster) and yields its keys, without the view's prefix, each once. It remembers the keys it has
 * yielded to skip repeats, so its memory grows with the number of matching keys.
 * @throws RedisError as `scan`, from the iteration (bad input before the first page is fetched).
 */
export const scanIterator =
  (connection: RedisConnection) =>
  (pattern: string, options?: ScanOptions): AsyncGenerator<string> =>
    scanKeys(connection, pattern, options);

async function* scanKeys(connection: RedisConnection, pattern: string, options: ScanOptions | undefined): AsyncGenerator<string> {
  const args = scanArguments(connection, "scanIterator", pattern, options);
  const seen = new Set<string>();
  for (const pages of await walks(connection, "scanIterator", args)) {
    for await (const page of pages) {
      for (const key of page) {
        if (seen.has(key)) continue;
        seen.add(key);
        yield key;
      }
    }
  }
}
