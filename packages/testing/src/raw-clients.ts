import { Cluster, Redis } from "ioredis";
import { LOOPBACK } from "./ports.js";
import { sharedRedisFromEnv } from "./shared-servers.js";

/** A plain ioredis client (not connected yet) on a standalone server's port, or on the cluster of `clusterUrls`. */
export function rawClient(cluster: boolean, port: number, clusterUrls: readonly string[]): Redis | Cluster {
  return cluster
    ? new Cluster(clusterUrls.map((url) => ({ host: LOOPBACK, port: Number(url.split(":")[1]) })), { lazyConnect: true })
    : new Redis({ port, lazyConnect: true });
}

/**
 * A connected plain ioredis client on the shared standalone server or the shared cluster of
 * `setupSharedRedis`, to check what Redis really holds. The caller disconnects it.
 */
export async function connectSharedRaw(cluster: boolean): Promise<Redis | Cluster> {
  const { port, clusterUrls } = sharedRedisFromEnv();
  const raw = rawClient(cluster, port, clusterUrls);
  await raw.connect();
  return raw;
}

/** The servers that hold keys: the client itself, or every master of a cluster client. */
export function masterNodes(raw: Redis | Cluster): Redis[] {
  return raw instanceof Cluster ? raw.nodes("master") : [raw];
}

/**
 * Ids (`port/id`) of the clients blocked right now in `command` (`xread`, `xreadgroup`, `blpop`…)
 * on any server behind `raw`, from `CLIENT LIST` (`cmd=<command>` with the `b` flag). Servers are
 * shared by test files, so wait for an id that was not in an earlier set, not for a higher count.
 */
export async function blockedClients(raw: Redis | Cluster, command: string): Promise<Set<string>> {
  const found = new Set<string>();
  for (const server of masterNodes(raw)) {
    const list = String(await server.client("LIST"));
    for (const line of list.split("\n")) {
      const fields = new Map(line.trim().split(" ").map((pair) => pair.split("=", 2) as [string, string]));
      if (fields.get("cmd") === command && (fields.get("flags") ?? "").includes("b")) found.add(`${server.options.port}/${fields.get("id")}`);
    }
  }
  return found;
}
