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
export async function walks(connection: RedisConnection, operation: string, args: ScanArguments): Promise<Array<AsyncGenerator<string[]>>> {
  const { match, count, type } = args;
  if (!connection.isCluster) return [walk((cursor) => connection.send(operation, SCAN(cursor, match, count, type)))];
  const addresses = await masterAddresses(connection, operation);
  return addresses.map((address) => walk((cursor) => scanPageOnMaster(connection, operation, address, SCAN(cursor, match, count, type))));
}

