import type { RedisConnection } from "@redis-interface/core";
import { expectEqual, type DemoSteps } from "./step.js";

/**
 * The seed's stream and consumer-group examples (Hyperswitch `redis_interface` README), written
 * against the core connection. The `streams` and `consumer-groups` packages will wrap these
 * commands; until they land, the demo shows the shared connection they are built on.
 */
export async function streamUsage(redis: RedisConnection, steps: DemoSteps): Promise<void> {
  const stream = redis.keys.key("payment_events");
  let appendedId = "";
  await steps.run("stream append and read", async () => {
    appendedId = (await redis.execute("streamAppendEntry", "payment_events", (client) =>
      client.xadd(stream, "*", "event_type", "payment.created", "payment_id", "123"),
    )) as string;
    const entries = await redis.execute("streamReadEntries", "payment_events", (client) => client.xread("COUNT", 10, "STREAMS", stream, "0-0"));
    const [, read] = entries?.[0] ?? ["", []];
    expectEqual(read.at(-1), [appendedId, ["event_type", "payment.created", "payment_id", "123"]], "entry read back");
    return `appended ${appendedId} and read it back`;
  });

  await steps.run("consumer group create, read and acknowledge", async () => {
    await redis.execute("consumerGroupCreate", "payment_events", (client) => client.xgroup("CREATE", stream, "payment_processors", "0", "MKSTREAM"));
    const delivered = await redis.executeBlocking("streamReadWithOptions", "payment_events", { timeoutMs: 5_000 }, (client) =>
      client.xreadgroup("GROUP", "payment_processors", "processor_1", "COUNT", 10, "BLOCK", 2000, "STREAMS", stream, ">"),
    );
    const ids = ((delivered as Array<[string, Array<[string, string[]]>]> | null)?.[0]?.[1] ?? []).map(([id]) => id);
    expectEqual(ids, [appendedId], "delivered ids");
    const acknowledged = await redis.execute("streamAcknowledgeEntries", "payment_events", (client) => client.xack(stream, "payment_processors", ...ids));
    expectEqual(acknowledged, 1, "acknowledged");
    return `processor_1 received ${ids.join(", ")} and acknowledged ${acknowledged}`;
  });
}
