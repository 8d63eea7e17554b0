import { Cluster, Redis } from "ioredis";
import { RedisConnectionPool, type RedisConnection, type RedisSettings } from "@redis-interface/core";
import { randomKey, sharedRedisFromEnv } from "@redis-interface/testing";
import { consumerGroups, type ConsumerGroupStore } from "../../src/index.js";

/** One place the consumer-group commands are exercised: a pool or a prefixed view, standalone or cluster. */
export interface GroupsTarget {
  readonly name: string;
  readonly groups: ConsumerGroupStore;
  readonly connection: RedisConnection;
  /** A plain ioredis client on the same server(s), to add entries and check what Redis really holds. */
  readonly raw: Redis | Cluster;
  readonly cluster: boolean;
  /** The name Redis stores for the caller's `key` through this target. */
  rawKey(key: string): string;
  /**
   * Another pool on the same server(s) with `settings` on top of the target's, seen through the
   * same kind of view (prefixed or not); closed after the suite.
   */
  connect(settings: Partial<RedisSettings>): Promise<RedisConnection>;
  /** Appends an entry with `fields` through the raw client. @returns its id. */
  add(stream: string, fields?: Record<string, string>): Promise<string>;
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
export function describeEachTarget(title: string, body: (target: () => GroupsTarget) => void): void {
  describe.each(TARGETS)(`${title} — $name`, ({ name, cluster, prefix }) => {
    const pools: RedisConnectionPool[] = [];
    let current: GroupsTarget;
    beforeAll(async () => {
      const { port, clusterUrls: urls } = sharedRedisFromEnv();
      const base: Partial<RedisSettings> = cluster ? { clusterEnabled: true, clusterUrls: urls } : { port, poolSize: 2 };
      const viewPrefix = prefix ? `${prefix}_${randomKey("v").slice(-6)}` : undefined;
      const open = async (settings: Partial<RedisSettings>): Promise<RedisConnection> => {
        const pool = await RedisConnectionPool.connect({ ...base, ...settings });
        pools.push(pool);
        return viewPrefix ? pool.withKeyPrefix(viewPrefix) : pool;
      };
      const connection = await open({});
      const raw = cluster
        ? new Cluster(urls.map((url) => ({ host: "127.0.0.1", port: Number(url.split(":")[1]) })), { lazyConnect: true })
        : new Redis({ port, lazyConnect: true });
      await raw.connect();
      const rawKey = (key: string): string => connection.keys.key(key);
      current = {
        name,
        groups: consumerGroups(connection),
        connection,
        raw,
        cluster,
        rawKey,
        connect: open,
        add: async (stream, fields = { f: "v" }) => (await raw.xadd(rawKey(stream), "*", ...Object.entries(fields).flat())) as string,
      };
    });
    afterAll(async () => {
      await Promise.all(pools.map((pool) => pool.close()));
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

/** A connection that counts the commands sent through `execute` and `executeBlocking`. */
export function countingConnection(connection: RedisConnection): { connection: RedisConnection; sent: { execute: number; executeBlocking: number } } {
  const sent = { execute: 0, executeBlocking: 0 };
  const counting = new Proxy(connection, {
    get(real, property, receiver) {
      if (property === "execute") {
        return (...args: Parameters<RedisConnection["execute"]>) => {
          sent.execute++;
          return real.execute(...args);
        };
      }
      if (property === "executeBlocking") {
        return (...args: Parameters<RedisConnection["executeBlocking"]>) => {
          sent.executeBlocking++;
          return real.executeBlocking(...args);
        };
      }
      return Reflect.get(real, property, receiver) as unknown;
    },
  });
  return { connection: counting, sent };
}

/** A stream name unique to this call; `tag` puts it in a hash slot shared with other names of the tag. */
export function streamKey(label = "s", tag?: string): string {
  return tag === undefined ? randomKey(label) : `{${tag}}:${randomKey(label)}`;
}
