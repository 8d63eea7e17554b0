import type { RedisConnection } from "@redis-interface/core";
import { assertKey, assertPositiveInteger, describeArgument, invalidArgument, optionsObject } from "@redis-interface/core/internal";
import { masterAddresses, scanPageOnMaster } from "./cluster-scan.js";
import { SCAN, SCAN_TYPES, type ScanPage } from "./commands/scan.js";
import type { ScanOptions } from "./types.js";

/** The keyspace walk shared by `scan`, `scanIterator` and `deleteKeysMatching`: checks, then pages per server. */

const SCAN_OPTIONS: readonly string[] = ["count", "type"];

/** What every page of one scan sends after the cursor, checked. */
export interface ScanArguments {
  /** The caller's pattern under the view's prefix (glob characters of the prefix escaped). */
  readonly match: string;
  readonly count: number | undefined;
  readonly type: string | undefined;
}

/**
 * Checks the pattern and options (`known`: the option names the operation takes, of `count` and `type`).
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function scanArguments(connection: RedisConnection, operation: string, pattern: string, options: ScanOptions | undefined, known: readonly string[] = SCAN_OPTIONS): ScanArguments {
  assertKey(pattern, operation, "pattern");
  const { count, type } = optionsObject(options, known, operation);
  if (count !== undefined) assertPositiveInteger(count, operation, undefined, "count");
  if (type !== undefined && !(SCAN_TYPES as readonly unknown[]).includes(type)) {
    throw invalidArgument(operation, undefined, `type must be one of ${SCAN_TYPES.join(", ")}, got ${describeArgument(type)}`);
  }
  // SCAN's pattern is not a key: core would not prefix it, so it is resolved here.
  return { match: connection.keys.pattern(pattern), count, type };
}

/**
 * One server's keyspace walk, page by page (one command per page, so the pool's timeout and
 * backpressure apply per page). With `prefetch`, the next page is requested before this page's keys
 * are handed over, so it goes out ahead of whatever the consumer sends for them (deleteKeysMatching's
 * UNLINK): the server then answers the SCAN first instead of after the UNLINK, once per page.
 */
async function* walk(sendPage: (cursor: string) => Promise<ScanPage>, prefetch: boolean): AsyncGenerator<string[]> {
  let next: Promise<ScanPage> | undefined = sendPage("0");
  try {
    while (next !== undefined) {
      const page: ScanPage = await next;
      next = undefined;
      const request = (): Promise<ScanPage> | undefined => (page.cursor === "0" ? undefined : sendPage(page.cursor));
      if (prefetch) next = request();
      yield page.keys;
      if (!prefetch) next = request();
    }
  } finally {
    // the consumer stopped early: a page requested ahead is not awaited, so its failure is not reported twice
    next?.catch(() => undefined);
  }
}

/** The page walks of every server holding keys: the one server (described commands), or each cluster master; `prefetch` as `walk`. */
export async function walks(connection: RedisConnection, operation: string, args: ScanArguments, prefetch = false): Promise<Array<AsyncGenerator<string[]>>> {
  const { match, count, type } = args;
  if (!connection.isCluster) return [walk((cursor) => connection.send(operation, SCAN(cursor, match, count, type)), prefetch)];
  const addresses = await masterAddresses(connection, operation);
  return addresses.map((address) => walk((cursor) => scanPageOnMaster(connection, operation, address, SCAN(cursor, match, count, type)), prefetch));
}

