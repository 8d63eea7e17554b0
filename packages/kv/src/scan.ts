import { RedisError, type RedisClient, type RedisConnection } from "@redis-interface/core";
import type { Cluster, Redis } from "ioredis";
import type { ScanOptions } from "./types.js";
import { assertInteger, assertKey } from "./validate.js";

const SCAN_TYPES: ReadonlyArray<NonNullable<ScanOptions["type"]>> = ["string", "hash", "list", "set", "zset", "stream"];

/** Picks the server a SCAN page is sent to, from the client `execute` hands out. */
type NodeOf = (client: RedisClient) => Redis;

function invalid(operation: string, message: string): RedisError {
  return new RedisError("INVALID_ARGUMENT", { operation, message });
}

/**
 * Checks the pattern and options and builds the arguments after the cursor:
 * `MATCH <prefixed pattern> [COUNT n] [TYPE t]`.
 * @throws RedisError `INVALID_ARGUMENT`.
 */
function scanArguments(connection: RedisConnection, operation: string, pattern: string, options: ScanOptions | undefined): Array<string | number> {
  assertKey(pattern, operation, "pattern");
  if (options !== undefined && (typeof options !== "object" || options === null)) throw invalid(operation, "options must be an object");
  const { count, type } = options ?? {};
  const args: Array<string | number> = ["MATCH", connection.keys.pattern(pattern)];
  if (count !== undefined) {
    assertInteger(count, operation, undefined, "count");
    if (count <= 0) throw invalid(operation, `count must be a positive integer, got ${count}`);
    args.push("COUNT", count);
  }
  if (type !== undefined) {
    if (!SCAN_TYPES.includes(type)) throw invalid(operation, `type must be one of ${SCAN_TYPES.join(", ")}, got ${String(type)}`);
    args.push("TYPE", type);
  }
  return args;
}

function addressOf(node: Redis): string {
  return `${node.options.host ?? "localhost"}:${node.options.port ?? 6379}`;
}

/** The addresses of the cluster's masters, as the pool's `Cluster` client knows them. */
function masterAddresses(connection: RedisConnection, operation: string): Promise<string[]> {
  return connection.execute(operation, undefined, async (client) => (client as Cluster).nodes("master").map(addressOf));
}

/** A `NodeOf` for the master at `address`; fails when it has left the cluster mid-scan (its cursor is then meaningless). */
function masterAt(address: string, operation: string): NodeOf {
  return (client) => {
    const node = (client as Cluster).nodes("master").find((candidate) => addressOf(candidate) === address);
    if (node === undefined) {
      throw new RedisError("CONNECTION_FAILED", { operation, message: `cluster master ${address} is gone (failover or resharding during SCAN); scan again` });
    }
    return node;
  };
}

/** One server's whole keyspace walk: one `execute` per page, so the pool's timeout and backpressure apply per page. */
async function* scanNode(connection: RedisConnection, operation: string, args: Array<string | number>, nodeOf: NodeOf): AsyncGenerator<string[]> {
  let cursor = "0";
  do {
    const reply: unknown = await connection.execute(operation, undefined, (client) => nodeOf(client).call("SCAN", [cursor, ...args]));
    if (!Array.isArray(reply) || typeof reply[0] !== "string" || !Array.isArray(reply[1])) {
      throw new RedisError("COMMAND_FAILED", { operation, message: "unexpected SCAN reply" });
    }
    cursor = reply[0];
    yield (reply[1] as unknown[]).map(String);
  } while (cursor !== "0");
}

/** The page walks of every server holding keys: the one server, or each cluster master. */
async function walks(connection: RedisConnection, operation: string, args: Array<string | number>): Promise<Array<AsyncGenerator<string[]>>> {
  if (!connection.isCluster) return [scanNode(connection, operation, args, (client) => client as Redis)];
  const addresses = await masterAddresses(connection, operation);
  return addresses.map((address) => scanNode(connection, operation, args, masterAt(address, operation)));
}

/**
 * Sends `SCAN cursor MATCH <view prefix + pattern> [COUNT n] [TYPE t]` until the cursor returns
 * to 0, on the server or, on a cluster, on every master (in parallel). The view's prefix is
 * glob-escaped, so a view only ever sees its own keys.
 * @param pattern a Redis glob under the view (`order:*`).
 * @param options `count`: COUNT hint per page (a positive integer); `type`: only keys of this type.
 * @returns every matching key once, without the view's prefix, in no particular order. Keys
 *   written or deleted during the scan may or may not be included (Redis's SCAN guarantee).
 * @throws RedisError `INVALID_ARGUMENT` for an empty pattern, a bad `count` or an unknown `type`;
 *   the pool's errors for any page (never swallowed); `CONNECTION_FAILED` when a cluster master
 *   leaves during the scan.
 */
export async function scan(connection: RedisConnection, pattern: string, options?: ScanOptions): Promise<string[]> {
  const args = scanArguments(connection, "scan", pattern, options);
  const seen = new Set<string>();
  let failed = false;
  const collect = async (walk: AsyncGenerator<string[]>): Promise<void> => {
    try {
      for await (const page of walk) {
        if (failed) return; // another master's walk failed: stop sending pages
        for (const key of page) seen.add(connection.keys.strip(key));
      }
    } catch (error) {
      failed = true;
      throw error;
    }
  };
  await Promise.all((await walks(connection, "scan", args)).map(collect));
  return [...seen];
}

/**
 * `scan` as an async generator: fetches one SCAN page at a time (one master after the other on a
 * cluster) and yields its keys, without the view's prefix, each once. It remembers the keys it has
 * yielded to skip repeats, so its memory grows with the number of matching keys.
 * @throws RedisError as `scan`, from the iteration (bad input before the first page is fetched).
 */
export async function* scanIterator(connection: RedisConnection, pattern: string, options?: ScanOptions): AsyncGenerator<string> {
  const args = scanArguments(connection, "scanIterator", pattern, options);
  const seen = new Set<string>();
  for (const walk of await walks(connection, "scanIterator", args)) {
    for await (const page of walk) {
      for (const redisKey of page) {
        const key = connection.keys.strip(redisKey);
        if (seen.has(key)) continue;
        seen.add(key);
        yield key;
      }
    }
  }
}
