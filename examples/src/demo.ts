import { RedisConnectionPool } from "@redis-interface/core";
import { startRedis } from "@redis-interface/testing";
import { streamUsage } from "./stream-usage.js";
import { kvUsage } from "./kv-usage.js";
import { pubsubUsage } from "./pubsub-usage.js";
import { tenancyUsage } from "./tenancy-usage.js";
import { otelUsage } from "./otel-usage.js";
import { DemoSteps } from "./step.js";

async function main(): Promise<number> {
  const server = await startRedis();
  console.log(`redis-interface demo on an embedded redis-server at ${server.url}`);
  const pool = await RedisConnectionPool.connect({ host: server.host, port: server.port });
  const steps = new DemoSteps();
  try {
    console.log(`pool: ${pool.settings.poolSize} connections, codec ${pool.codec.name}`);
    await kvUsage(pool.withKeyPrefix("demo"), steps);
    await streamUsage(pool.withKeyPrefix("demo"), steps);
    await pubsubUsage(pool.withKeyPrefix("demo"), steps);
    await tenancyUsage(pool, steps);
    await otelUsage(pool.withKeyPrefix("demo"), steps);
  } finally {
    await pool.close();
    await server.stop();
  }
  console.log(steps.failed === 0 ? "demo finished: every step passed" : `demo finished: ${steps.failed} step(s) FAILED`);
  return steps.failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("demo crashed:", error);
    process.exit(1);
  },
);
