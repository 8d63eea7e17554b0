import { RedisError, type RedisClient, type RedisCommand, type RedisConnection } from "@redis-interface/core";
import { scanPage, type ScanPage } from "./commands/scan.js";

/*
 * The escape hatch of kv: SCAN on a cluster. A SCAN cursor belongs to one server, so the walk
 * must send every page of one walk to the same master, which a described command cannot say
 * (core routes a command by its keys, and SCAN has none). These pages go through `execute` on
 * the master's own client instead, still under the pool's timeout, backpressure, error mapping
 * and tracing; the arguments and the reply's parsing are the described `SCAN` command's.
 */

/** The pool's client on a cluster (ioredis `Cluster`), and the client of one of its nodes. */
type ClusterClient = Extract<RedisClient, { nodes: unknown }>;
type NodeClient = ReturnType<ClusterClient["nodes"]>[number];

function addressOf(node: NodeClient): string {
  return `${node.options.host ?? "localhost"}:${node.options.port ?? 6379}`;
}

function masters(client: RedisClient): NodeClient[] {
  return (client as ClusterClient).nodes("master");
}

/** The addresses of the cluster's masters, as the pool's `Cluster` knows them. */
export function masterAddresses(connection: RedisConnection, operation: string): Promise<string[]> {
  return connection.execute(operation, undefined, async (client) => masters(client).map(addressOf));
}

/**
 * Sends one SCAN page to the master at `address` and parses it as the described command would.
 * @throws RedisError `CONNECTION_FAILED` when that master has left the cluster mid-scan (its cursor
 * is then meaningless); the pool's errors.
 */
export function scanPageOnMaster(connection: RedisConnection, operation: string, address: string, page: RedisCommand<ScanPage>): Promise<ScanPage> {
  return connection.execute(operation, undefined, async (client) => {
    const node = masters(client).find((candidate) => addressOf(candidate) === address);
    if (node === undefined) {
      throw new RedisError("CONNECTION_FAILED", { operation, message: `cluster master ${address} is gone (failover or resharding during SCAN); scan again` });
    }
    return scanPage(await node.call(page.name, page.args as Array<string | number>), connection);
  });
}
