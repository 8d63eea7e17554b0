import type { RedisConnection } from "@redis-interface/core";
import { assertKey, assertPositiveInteger, describeArgument, invalidArgument, optionsObject } from "@redis-interface/core/internal";
import { masterAddresses, scanPageOnMaster } from "./cluster-scan.js";
import { SCAN, SCAN_TYPES, type ScanPage } from "./commands/scan.js";
import type { ScanOptions } from "./types.js";

/** What every page of one scan sends after the cursor, checked. */
interface ScanArguments {
  /** The caller's pattern under the view's prefix (glob characters of the prefix escaped). */
  readonly match: string;
  readonly count: number | undefined;
  readonly type: string | undefined;
}

/** Checks the pattern and options. @throws RedisError `INVALID_ARGUMENT`. */
function scanArguments(connection: RedisConnection, operation: string, pattern: string, options: ScanOptions | undefined): ScanArguments {
  assertKey(pattern, operation, "pattern");
  const { count, type } = optionsObject(options, ["count", "type"], operation);
  if (count !== undefined) assertPositiveInteger(count, operation, undefined, "count");
  if (type !== undefined && !(SCAN_TYPES as readonly unknown[]).includes(type)) {
    throw invalidArgument(operation, undefined, `type must be one of ${SCAN_TYPES.join(", ")}, got ${describeArgument(type)}`);
  }
  // SCAN's pattern is not a key: core would not prefix it, so it is resolved here.
  return { match: connection.keys.pattern(pattern), count, type };
}

/** One server's keyspace walk, page by page (one command per page, so the pool's timeout and backpressure apply per page). */
async function* walk(sendPage: (cursor: string) => Promise<ScanPage>): AsyncGenerator<string[]> {
  let cursor = "0";
  do {
    const page = await sendPage(cursor);
    cursor = page.cursor;
    yield page.keys;
  } while (cursor !== "0");
}

/** The page walks of every server holding keys: the one server (described commands), or each cluster master. */
async function walks(connection: RedisConnection, operation: string, args: ScanArguments): Promise<Array<AsyncGenerator<string[]>>> {
  const { match, count, type } = args;
  if (!connection.isCluster) return [walk((cursor) => connection.send(operation, SCAN(cursor, match, count, type)))];
  const addresses = await masterAddresses(connection, operation);
  return addresses.map((address) => walk((cursor) => scanPageOnMaster(connection, operation, address, SCAN(cursor, match, count, type))));
}

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
