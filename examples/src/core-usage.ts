import { decodeValue, encodeValue, type RedisConnection } from "@redis-interface/core";
import { expectEqual, type DemoSteps } from "./step.js";

/**
 * The seed's usage examples (Hyperswitch `redis_interface` README), written against the core
 * connection. The `kv`, `streams` and `consumer-groups` packages will wrap these commands; until
 * they land, the demo shows the shared connection they are built on.
 */
export async function coreUsage(redis: RedisConnection, steps: DemoSteps): Promise<void> {
  const key = redis.keys.key("my_key");

  await steps.run("key-value: set, get, delete", async () => {
    await redis.execute("setKey", "my_key", (client) => client.set(key, "hello world", "EX", redis.settings.defaultTtl));
    const value = await redis.execute("getKey", "my_key", (client) => client.get(key));
    expectEqual(value, "hello world", "value read back");
    const deleted = await redis.execute("deleteKey", "my_key", (client) => client.del(key));
    expectEqual(deleted, 1, "keys deleted");
    return `stored "${value}" under ${key} with a ${redis.settings.defaultTtl} s TTL, then deleted it`;
  });

  await steps.run("serialized payment struct", async () => {
    const payment = { id: "payment_123", amount: 1000n, currency: "USD", createdAt: new Date("2026-11-25T12:00:00Z") };
    const paymentKey = redis.keys.key("data:payment_123");
    const text = encodeValue(redis.codec, payment, { operation: "serializeAndSetKey", key: "data:payment_123", typeName: "MyData" });
    await redis.execute("serializeAndSetKey", "data:payment_123", (client) => client.set(paymentKey, text, "EX", redis.settings.defaultTtl));
    const stored = await redis.execute("getAndDeserializeKey", "data:payment_123", (client) => client.get(paymentKey));
    const back = decodeValue<typeof payment>(redis.codec, stored ?? "", { operation: "getAndDeserializeKey", key: "data:payment_123", typeName: "MyData" });
    expectEqual(back, payment, "payment read back");
    if (!(back.createdAt instanceof Date) || typeof back.amount !== "bigint") throw new Error("types were lost");
    return `amount ${back.amount} (BigInt) and createdAt ${back.createdAt.toISOString()} (Date) survived the ${redis.codec.name} codec`;
  });

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
