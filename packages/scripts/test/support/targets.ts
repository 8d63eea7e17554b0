import { Cluster, Redis } from "ioredis";
import { RedisConnectionPool, type RedisConnection } from "@redis-interface/core";
import { randomKey, sharedRedisFromEnv } from "@redis-interface/testing";
import { scripts, type RedisScripts } from "../../src/index.js";

/** One place the script functions are exercised: a pool or a prefixed view, standalone or cluster. */
export interface ScriptsTarget {
  readonly name: string;
  readonly lua: RedisScripts;
  readonly connection: RedisConnection;
  /** A plain ioredis client on the same server(s), to check what Redis really holds. */
  readonly raw: Redis | Cluster;
  readonly cluster: boolean;
  /** The name Redis stores for the caller's `key` through this target. */
  rawKey(key: string): string;
  /** SCRIPT FLUSH on the server, or on every master of the cluster. */
  flushScripts(): Promise<void>;
  /** SCRIPT EXISTS sha on the server, or on every master of the cluster: one boolean per node. */
  scriptExists(sha: string): Promise<boolean[]>;
}

const TARGETS = [
  { name: "standalone pool", cluster: false, prefix: undefined },
  { name: "standalone view", cluster: false, prefix: "tenant_a" },
  { name: "cluster pool", cluster: true, prefix: undefined },
  { name: "cluster view", cluster: true, prefix: "tenant_b" },
] as const;

/**
 * Runs `body` once per target (standalone and cluster, pool and `withKeyPrefix` view), each
 * against the real servers started by the package's global setup.
 */
export function describeEachTarget(title: string, body: (target: () => ScriptsTarget) => void): void {
  describe.each(TARGETS)(`${title} — $name`, ({ name, cluster, prefix }) => {
    let pool: RedisConnectionPool;
    let current: ScriptsTarget;
    beforeAll(async () => {
      const { port, clusterUrls: urls } = sharedRedisFromEnv();
      pool = cluster
        ? await RedisConnectionPool.connect({ clusterEnabled: true, clusterUrls: urls })
        : await RedisConnectionPool.connect({ port, poolSize: 2 });
      const connection = prefix ? pool.withKeyPrefix(`${prefix}_${randomKey("v").slice(-6)}`) : pool;
      const raw = cluster
        ? new Cluster(urls.map((url) => ({ host: "127.0.0.1", port: Number(url.split(":")[1]) })), { lazyConnect: true })
        : new Redis({ port, lazyConnect: true });
      await raw.connect();
      const masters = (): Redis[] => (raw instanceof Cluster ? raw.nodes("master") : [raw]);
      const flushScripts = async (): Promise<void> => {
        await Promise.all(masters().map((node) => node.script("FLUSH")));
      };
      const scriptExists = async (sha: string): Promise<boolean[]> =>
        Promise.all(masters().map(async (node) => ((await node.script("EXISTS", sha)) as number[])[0] === 1));
      current = { name, lua: scripts(connection), connection, raw, cluster, rawKey: (key) => connection.keys.key(key), flushScripts, scriptExists };
    });
    afterAll(async () => {
      await pool?.close();
      current?.raw.disconnect();
    });
    body(() => current);
  });
}

/** Awaits a promise that must reject, and returns the error. */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string; key?: string; operation?: string; replyCode?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string; key?: string; operation?: string; replyCode?: string };
  }
  throw new Error("expected a rejection");
}

/**
 * A view of `connection` counting `execute` calls, and the ioredis methods called inside them.
 */
export function counting(connection: RedisConnection): { connection: RedisConnection; executes: () => number; calls: string[] } {
  let executes = 0;
  const calls: string[] = [];
  const proxy = new Proxy(connection, {
    get(real, property, receiver) {
      if (property !== "execute") return Reflect.get(real, property, receiver);
      const execute: RedisConnection["execute"] = (operation, key, run) => {
        executes++;
        return real.execute(operation, key, (client) =>
          run(
            new Proxy(client, {
              get(c, method, r) {
                const value: unknown = Reflect.get(c, method, r);
                if (typeof value !== "function") return value;
                return (...args: unknown[]) => {
                  calls.push(String(method));
                  return (value as (...a: unknown[]) => unknown).apply(c, args);
                };
              },
            }),
          ),
        );
      };
      return execute;
    },
  });
  return { connection: proxy, executes: () => executes, calls };
}
