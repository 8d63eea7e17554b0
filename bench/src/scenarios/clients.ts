import { Redis } from "ioredis";
import type { BenchEnv } from "../harness/types.js";

/** A raw ioredis client on the shared server, connected (ioredis 6 defaults otherwise, RESP3). */
export async function rawIoredis(env: BenchEnv, enableAutoPipelining: boolean): Promise<Redis> {
  const client = new Redis({ host: env.host, port: env.port, enableAutoPipelining, lazyConnect: true });
  await client.connect();
  return client;
}

/** SET every key to `value` with a 300 s TTL, 1,000 per pipeline. */
export async function prefill(client: Redis, keys: readonly string[], value: string): Promise<void> {
  for (let start = 0; start < keys.length; start += 1_000) {
    const pipeline = client.pipeline();
    for (const key of keys.slice(start, start + 1_000)) pipeline.set(key, value, "EX", 300);
    await pipeline.exec();
  }
}
