import { RedisConnectionPool } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import type { BenchEnv } from "../harness/types.js";
import { forEachKey } from "./workload.js";

/** The TTL of every cached value (longer than any run). */
export const TTL_MS = 300_000;

/** A merchant's routing configuration, about 200 bytes of JSON. */
export function configOf(index: number, version = 0): Record<string, unknown> {
  return {
    merchantId: `mer_${String(index).padStart(8, "0")}`,
    version,
    enabled: true,
    currency: "EUR",
    routing: ["stripe", "adyen", "checkout"],
    limits: { minor: 100, major: 5_000_000 },
    webhook: "https://merchant.example.com/hooks/payments",
  };
}

/** The index `i` of key `prefix:i`. */
export function indexOf(key: string): number {
  return Number(key.slice(key.lastIndexOf(":") + 1));
}

/** Every key prefilled through kv (the connection's codec) on a fresh pool. */
export async function prefilledPool(env: BenchEnv, keys: readonly string[]): Promise<RedisConnectionPool> {
  const pool = await RedisConnectionPool.connect({ host: env.host, port: env.port });
  const store = kv(pool);
  await forEachKey(keys, (key) => store.serializeAndSetKey(key, configOf(indexOf(key))));
  return pool;
}

/** Resolves once `isBypassing()` is false (the cache's invalidation link is healthy). @throws Error after 30 s. */
export async function healthy(isBypassing: () => boolean): Promise<void> {
  const deadline = performance.now() + 30_000;
  while (isBypassing()) {
    if (performance.now() > deadline) throw new Error("the cache's invalidation link did not become healthy");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
