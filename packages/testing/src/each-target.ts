import type { Cluster, Redis } from "ioredis";
import { randomId } from "./random-key.js";
import { rawClient } from "./raw-clients.js";
import { sharedRedisFromEnv } from "./shared-servers.js";

/** What a target needs of a connection: the names it stores (structural, so core is not a dependency). */
export interface TargetConnection {
  readonly keys: { key(name: string): string };
}

/** A pool the harness can open, view through a prefix, and close. */
export type TargetPool<C extends TargetConnection> = C & {
  withKeyPrefix(prefix: string): C;
  close(): Promise<void>;
};

/** Settings the harness passes to `connect` (the shared servers' address, plus the caller's extras). */
export type TargetSettings = Record<string, unknown> & ({ port: number } | { clusterEnabled: true; clusterUrls: string[] });

/** One place a package's functions are exercised: a pool or a prefixed view, standalone or cluster. */
export interface TestTarget<C extends TargetConnection> {
  readonly name: string;
  readonly cluster: boolean;
  readonly connection: C;
  /** A plain ioredis client on the same server(s), to check what Redis really holds. */
  readonly raw: Redis | Cluster;
  /** The name Redis stores for the caller's `key` through this target. */
  rawKey(key: string): string;
  /** Another pool on the same server(s) with `extra` settings, seen through the same kind of view; closed after the suite. */
  connect(extra?: Record<string, unknown>): Promise<C>;
}

/** How `describeEachTarget` opens pools. */
export interface EachTargetOptions<C extends TargetConnection> {
  /** Opens a pool, e.g. `(settings) => RedisConnectionPool.connect(settings)`. */
  connect(settings: TargetSettings): Promise<TargetPool<C>>;
  /** Extra settings for standalone pools (e.g. `{ poolSize: 1 }`). */
  standalone?: Record<string, unknown>;
}

interface JestGlobals {
  describe(name: string, body: () => void): void;
  beforeAll(body: () => Promise<void>, timeoutMs?: number): void;
  afterAll(body: () => Promise<void>, timeoutMs?: number): void;
}

const TARGETS = [
  { name: "standalone pool", cluster: false, prefix: undefined },
  { name: "standalone view", cluster: false, prefix: "tenant_a" },
  { name: "cluster pool", cluster: true, prefix: undefined },
  { name: "cluster view", cluster: true, prefix: "tenant_b" },
] as const;

function jestGlobals(): JestGlobals {
  const candidate = globalThis as Partial<JestGlobals>;
  if (typeof candidate.describe !== "function" || typeof candidate.beforeAll !== "function" || typeof candidate.afterAll !== "function") {
    throw new Error("describeEachTarget needs a test runner with describe/beforeAll/afterAll globals (Jest, or Vitest with globals: true)");
  }
  return candidate as JestGlobals;
}

/**
 * Runs `body` once per target — a standalone pool, a standalone `withKeyPrefix` view, a cluster
 * pool and a cluster view — against the servers of `setupSharedRedis` (Jest `globalSetup`), so
 * one suite proves a package on both deployments and through a prefix. Each view gets its own
 * random prefix; every pool and raw client is closed after the suite.
 */
export function describeEachTarget<C extends TargetConnection>(title: string, options: EachTargetOptions<C>, body: (target: () => TestTarget<C>) => void): void {
  const { describe, beforeAll, afterAll } = jestGlobals();
  for (const { name, cluster, prefix } of TARGETS) {
    describe(`${title} — ${name}`, () => {
      const pools: Array<TargetPool<C>> = [];
      let current: TestTarget<C> | undefined;
      beforeAll(async () => {
        const { port, clusterUrls } = sharedRedisFromEnv();
        const base: TargetSettings = cluster ? { clusterEnabled: true, clusterUrls } : { port, ...options.standalone };
        const viewPrefix = prefix ? `${prefix}_${randomId(8)}` : undefined;
        const open = async (extra: Record<string, unknown> = {}): Promise<C> => {
          const pool = await options.connect({ ...base, ...extra } as TargetSettings);
          pools.push(pool);
          return viewPrefix ? pool.withKeyPrefix(viewPrefix) : pool;
        };
        const connection = await open();
        const raw = rawClient(cluster, port, clusterUrls);
        await raw.connect();
        current = { name, cluster, connection, raw, rawKey: (key) => connection.keys.key(key), connect: open };
      });
      afterAll(async () => {
        await Promise.all(pools.map((pool) => pool.close()));
        if (current && current.raw.status !== "end") current.raw.disconnect();
      });
      body(() => {
        if (!current) throw new Error("the target is set up in beforeAll: call target() inside a test or hook");
        return current;
      });
    });
  }
}

/** The error of a promise that must reject, typed loosely for assertions on `code`, `key`, … */
export type Rejected = Error & { code?: string; key?: string; operation?: string; replyCode?: string };

/**
 * Awaits a promise that must reject.
 * @returns its error.
 * @throws Error when the promise resolves.
 */
export async function rejection(promise: Promise<unknown>): Promise<Rejected> {
  try {
    await promise;
  } catch (error) {
    return error as Rejected;
  }
  throw new Error("expected a rejection");
}

/**
 * Wraps `object` so that calls to the named methods are counted (and still made): proves that
 * a call failed before any I/O, or which path it took.
 * @returns the counting proxy and the live counts.
 */
export function countCalls<T extends object, M extends keyof T & string>(object: T, methods: readonly M[]): { proxy: T; calls: Record<M, number> } {
  const calls = Object.fromEntries(methods.map((method) => [method, 0])) as Record<M, number>;
  const proxy = new Proxy(object, {
    get(real, property, receiver) {
      const value = Reflect.get(real, property, receiver) as unknown;
      if (typeof property !== "string" || !(methods as readonly string[]).includes(property) || typeof value !== "function") return value;
      return (...args: unknown[]) => {
        calls[property as M]++;
        return (value as (...a: unknown[]) => unknown).apply(real, args);
      };
    },
  });
  return { proxy, calls };
}
