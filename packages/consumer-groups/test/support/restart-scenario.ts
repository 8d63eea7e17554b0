import type { RedisConnectionPool } from "@redis-interface/core";
import { waitFor } from "@redis-interface/testing";
import { streams } from "@redis-interface/streams";
import { consumerGroups, createConsumer } from "../../src/index.js";

/**
 * Runs a producer and a worker on `stream`, lets 300 entries through, calls `crash` (which kills
 * Redis, or the stream's master, and brings it back), lets 300 more appends be acknowledged, then
 * checks that every append acknowledged to the producer was processed and nothing is pending.
 * @returns the errors the worker reported (all must be RedisErrors).
 */
export async function producerAndWorkerSurvive(pool: RedisConnectionPool, stream: string, crash: (waitForFailures: () => Promise<void>) => Promise<void>): Promise<Error[]> {
  const acknowledged = new Set<string>();
  const processed = new Set<string>();
  const consumer = createConsumer(pool, {
    stream,
    group: "g",
    consumer: "w1",
    concurrency: 10,
    blockMs: 200,
    claimIdleMs: 1_000,
    claimIntervalMs: 200,
    retryDelayMs: 100,
    handler: (entry) => void processed.add(entry.id),
  });
  const errors: Error[] = [];
  consumer.on("error", (error) => errors.push(error));
  await consumer.start();

  let producing = true;
  let attempts = 0;
  const producer = (async () => {
    const s = streams(pool);
    while (producing) {
      attempts++;
      try {
        acknowledged.add(await s.streamAppendEntry(stream, "*", { n: String(attempts) }));
      } catch {
        // not acknowledged: the producer may retry; nothing is owed for it
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  })();

  await waitFor(() => processed.size >= 300, { description: "traffic before the crash" });
  await crash(() => waitFor(() => attempts > acknowledged.size + 5, { description: "producer sees failures while Redis is down" }));
  const target = acknowledged.size + 300;
  await waitFor(() => acknowledged.size >= target, { timeoutMs: 60_000, description: "traffic after the restart" });
  producing = false;
  await producer;

  await waitFor(() => [...acknowledged].every((id) => processed.has(id)), { timeoutMs: 60_000, intervalMs: 100, description: "every acknowledged append processed" });
  await waitFor(async () => (await consumerGroups(pool).consumerGroupPending(stream, "g")).count === 0, { description: "nothing pending" });
  await consumer.stop();
  return errors;
}
