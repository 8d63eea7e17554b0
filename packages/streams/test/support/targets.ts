import { Cluster, Redis } from "ioredis";
import { RedisConnectionPool, type RedisConnection } from "@redis-interface/core";
import { randomKey, sharedRedisFromEnv } from "@redis-interface/testing";
import { streams, type StreamStore } from "../../src/index.js";

/** One place the stream functions are exercised: a pool or a prefixed view, standalone or cluster. */
export interface StreamsTarget {
  readonly name: string;
  readonly store: StreamStore;
  readonly connection: RedisConnection;
  /** A plain ioredis client on the same server(s), to check what Redis really holds. */
  readonly raw: Redis | Cluster;
  readonly cluster: boolean;
  /** The name Redis stores for the caller's `stream` through this target. */
  rawKey(stream: string): string;
}

const TARGETS = [
  { name: "standalone pool", cluster: false, prefix: undefined },
  { name: "standalone view", cluster: false, prefix: "tenant_a" },
  { name: "cluster pool", cluster: true, prefix: undefined },
  { name: "cluster view", cluster: true, prefix: "tenant_b" },
] as const;

/**
 * Runs `body` once per target (standalone and cluster, pool and `withKeyPrefix` view), each
 * against the real servers started by the package's global setup. Standalone pools have a single
 * shared connection (`poolSize: 1`), so anything that held it (a BLOCK on it) would stall the rest.
 */
export function describeEachTarget(title: string, body: (target: () => StreamsTarget) => void): void {
  describe.each(TARGETS)(`${title} — $name`, ({ name, cluster, prefix }) => {
    let pool: RedisConnectionPool;
    let current: StreamsTarget;
    beforeAll(async () => {
      const { port, clusterUrls: urls } = sharedRedisFromEnv();
      pool = cluster
        ? await RedisConnectionPool.connect({ clusterEnabled: true, clusterUrls: urls })
        : await RedisConnectionPool.connect({ port, poolSize: 1 });
      const connection = prefix ? pool.withKeyPrefix(`${prefix}_${randomKey("v").slice(-6)}`) : pool;
      const raw = cluster
        ? new Cluster(urls.map((url) => ({ host: "127.0.0.1", port: Number(url.split(":")[1]) })), { lazyConnect: true })
        : new Redis({ port, lazyConnect: true });
      await raw.connect();
      current = { name, store: streams(connection), connection, raw, cluster, rawKey: (stream) => connection.keys.key(stream) };
    });
    afterAll(async () => {
      await pool?.close();
      current?.raw.disconnect();
    });
    body(() => current);
  });
}

/** Awaits a promise that must reject, and returns the error. */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string; key?: string; operation?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string; key?: string; operation?: string };
  }
  throw new Error("expected a rejection");
}

/** Calls that reached the connection, per method. */
export interface SentCount {
  execute: number;
  executeBlocking: number;
}

/**
 * Wraps `connection` so that calls to `execute` and `executeBlocking` are counted (and still
 * made): proves that a call failed before any I/O, or which path a read took.
 */
export function countingConnection(connection: RedisConnection): { connection: RedisConnection; sent: SentCount } {
  const sent: SentCount = { execute: 0, executeBlocking: 0 };
  const counting = new Proxy(connection, {
    get(real, property, receiver) {
      if (property === "execute") {
        return (...args: Parameters<typeof real.execute>) => {
          sent.execute++;
          return real.execute(...args);
        };
      }
      if (property === "executeBlocking") {
        return (...args: Parameters<typeof real.executeBlocking>) => {
          sent.executeBlocking++;
          return real.executeBlocking(...args);
        };
      }
      return Reflect.get(real, property, receiver);
    },
  });
  return { connection: counting, sent };
}

/** The masters to ask about clients: the server itself, or every master of the cluster. */
function serversOf(raw: Redis | Cluster): Redis[] {
  return raw instanceof Cluster ? raw.nodes("master") : [raw];
}

/**
 * Ids (`port/id`) of the clients currently blocked in XREAD on any server behind `raw`, from
 * `CLIENT LIST` (`cmd=xread` with the `b` flag).
 */
export async function blockedXreadClients(raw: Redis | Cluster): Promise<Set<string>> {
  const found = new Set<string>();
  for (const server of serversOf(raw)) {
    const list = String(await server.client("LIST"));
    for (const line of list.split("\n")) {
      const fields = new Map(line.trim().split(" ").map((pair) => pair.split("=", 2) as [string, string]));
      if (fields.get("cmd") === "xread" && (fields.get("flags") ?? "").includes("b")) found.add(`${server.options.port}/${fields.get("id")}`);
    }
  }
  return found;
}
