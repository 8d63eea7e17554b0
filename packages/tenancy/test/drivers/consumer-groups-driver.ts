import { consumerGroups, createConsumer } from "@redis-interface/consumer-groups";
import type { RedisConnection } from "@redis-interface/core";
import { streams } from "@redis-interface/streams";
import { waitFor } from "@redis-interface/testing";
import { settle, type FeatureDriver, type Names } from "./driver.js";

/** Every entry is handled; the one with `poison` fails once and is dead-lettered (maxDeliveries 1). */
async function runWorker(connection: RedisConnection, name: Names): Promise<void> {
  const worker = createConsumer(connection, {
    stream: name("jobs"),
    group: "auto",
    consumer: "worker-1",
    blockMs: 50,
    maxDeliveries: 1,
    retryDelayMs: 10,
    handler: (entry) => {
      if (entry.fields.poison !== undefined) throw new Error("poison entry");
    },
  });
  await worker.start();
  try {
    await waitFor(() => worker.stats().processed === 3 && worker.stats().deadLettered === 1, { timeoutMs: 30_000, description: "three entries processed and one dead-lettered" });
  } finally {
    await worker.stop();
  }
}

/** Pending entries without their idle times and delivery clocks. */
function pendingFacts(entries: ReadonlyArray<{ id: string; consumer: string; deliveries: number }>): Array<[string, string, number]> {
  return entries.map((entry) => [entry.id, entry.consumer, entry.deliveries]);
}

/** Every function of `@redis-interface/consumer-groups`, `createConsumer` with its dead-letter stream included. */
export const consumerGroupsDriver: FeatureDriver = {
  name: "consumer-groups",
  async write(connection, name, seed) {
    const groups = consumerGroups(connection);
    const log = streams(connection);
    for (const step of ["1", "2", "3"]) await log.streamAppendEntry(name("jobs"), "*", { seed, step });
    await log.streamAppendEntry(name("jobs"), "*", { seed, poison: "yes" });
    await groups.consumerGroupCreate(name("jobs"), "workers", "0");
    await groups.consumerGroupCreate(name("jobs"), "spare", "$", { ifNotExists: true });
    await groups.consumerGroupSetLastId(name("jobs"), "spare", "0");
    const read = await groups.streamReadWithOptions(name("jobs"), ">", { group: { name: "workers", consumer: "reader" }, count: 3 });
    const ids = (read[name("jobs")] ?? []).map((entry) => entry.id);
    await groups.streamAcknowledgeEntries(name("jobs"), "workers", ids.slice(0, 1));
    await groups.consumerGroupSetMessageOwner(name("jobs"), "workers", "claimer", 0, ids.slice(1, 2));
    await groups.consumerGroupAutoClaim(name("jobs"), "workers", "auto-claimer", 0, { start: "0-0", count: 1 });
    await groups.streamReadWithOptions(name("jobs"), ">", { group: { name: "spare", consumer: "leaving" }, count: 1 });
    await groups.consumerGroupDeleteConsumer(name("jobs"), "spare", "leaving");
    await groups.consumerGroupCreate(name("jobs"), "doomed", "0");
    await groups.consumerGroupDestroy(name("jobs"), "doomed");
    await runWorker(connection, name);
  },
  async destroy(connection, name) {
    const groups = consumerGroups(connection);
    for (const group of ["workers", "spare", "auto"]) await groups.consumerGroupDestroy(name("jobs"), group);
  },
  async observe(connection, name) {
    const groups = consumerGroups(connection);
    const log = streams(connection);
    const summary = await settle(groups.consumerGroupPending(name("jobs"), "workers"));
    const pending = await settle(groups.consumerGroupPending(name("jobs"), "workers", { count: 10 }));
    return {
      info: await Promise.all(["workers", "spare", "auto"].map((group) => settle(groups.consumerGroupInfo(name("jobs"), group)))),
      summary: "value" in summary ? { count: summary.value.count, consumers: summary.value.consumers } : summary,
      pending: "value" in pending ? pendingFacts(pending.value) : pending,
      deadLetters: (await log.streamRange(name("jobs:dead-letter"), "-", "+")).map((entry) => entry.fields),
    };
  },
};
