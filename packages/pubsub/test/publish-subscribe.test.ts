import { isRedisError, type RedisError } from "@redis-interface/core";
import { randomKey, waitFor } from "@redis-interface/testing";
import { pubsub, type PubSub } from "../src/index.js";
import { describeEachTarget, payment, recorder, rejection, sharedRaw } from "./support/targets.js";

/**
 * On a standalone server messages arrive in publish order. On a cluster, PUBLISH has no key, so each
 * publish goes to some node and is relayed to the subscriber's node over the cluster bus: one
 * published on the subscriber's own node can overtake an earlier one, so only the set is compared.
 */
function expectInOrderUnlessCluster<T>(cluster: boolean, actual: T[], expected: T[]): void {
  if (cluster) {
    expect(actual).toHaveLength(expected.length);
    expect(actual).toEqual(expect.arrayContaining(expected));
  } else {
    expect(actual).toEqual(expected);
  }
}

describeEachTarget("publish and subscribe", (target) => {
  let bus: PubSub;
  beforeEach(() => {
    bus = pubsub(target().connection);
  });
  afterEach(async () => {
    await bus.close();
  });

  it("round-trips a payment with a BigInt amount and a Date through the codec", async () => {
    const channel = randomKey("pay");
    const { received, handler } = recorder();
    await bus.subscribe(channel, handler);
    const receivers = await bus.publish(channel, payment("pay_1"));
    if (!target().cluster) expect(receivers).toBe(1);
    await waitFor(() => received.length === 1, { description: "the payment message" });
    expect(received[0]).toEqual({ message: payment("pay_1"), channel });
    const message = received[0]?.message as ReturnType<typeof payment>;
    expect(typeof message.amount).toBe("bigint");
    expect(message.createdAt).toBeInstanceOf(Date);
  });

  it("publishes under the view's name for the channel", async () => {
    const { raw, rawChannel } = target();
    const channel = randomKey("rawsub");
    const subscriber = await sharedRaw(target().cluster);
    try {
      const seen: string[] = [];
      subscriber.on("message", (name: string) => void seen.push(name));
      await subscriber.subscribe(rawChannel(channel));
      await bus.publish(channel, "x");
      await waitFor(() => seen.length === 1, { description: "the raw subscriber to hear it" });
      expect(seen).toEqual([rawChannel(channel)]);
    } finally {
      subscriber.disconnect();
    }
  });

  it("psubscribe matches a pattern and reports the caller's channel and pattern", async () => {
    const base = randomKey("pat");
    const { received, handler } = recorder();
    await bus.psubscribe(`${base}:*`, handler);
    await bus.publish(`${base}:one`, 1);
    await bus.publish(`${base}x:two`, 2);
    await bus.publish(`${base}:three`, 3);
    await waitFor(() => received.length === 2, { description: "two pattern messages" });
    expectInOrderUnlessCluster(target().cluster, received, [
      { message: 1, channel: `${base}:one`, pattern: `${base}:*` },
      { message: 3, channel: `${base}:three`, pattern: `${base}:*` },
    ]);
  });

  it("a message that fails to decode reaches the error listener and the subscription keeps running", async () => {
    const { raw, rawChannel } = target();
    const channel = randomKey("garbage");
    const errors: RedisError[] = [];
    bus.on("error", (error) => void errors.push(error as RedisError));
    const { received, handler } = recorder();
    await bus.subscribe(channel, handler);
    await raw.publish(rawChannel(channel), "{not json");
    await waitFor(() => errors.length === 1, { description: "the decode error" });
    expect(isRedisError(errors[0], "DESERIALIZATION_FAILED")).toBe(true);
    expect(errors[0]?.key).toBe(channel);
    expect(errors[0]?.operation).toBe("subscribe");
    await bus.publish(channel, { ok: true });
    await waitFor(() => received.length === 1, { description: "the next good message" });
    expect(received[0]?.message).toEqual({ ok: true });
    expect(bus.stats().decodeFailures).toBe(1);
  });

  it("counts decode failures silently when nobody listens for errors", async () => {
    const { raw, rawChannel } = target();
    const channel = randomKey("silent");
    const { received, handler } = recorder();
    await bus.subscribe(channel, handler);
    await raw.publish(rawChannel(channel), "\u0000garbage");
    await bus.publish(channel, "after");
    await waitFor(() => received.length === 1, { description: "the good message" });
    expect(bus.stats()).toMatchObject({ decodeFailures: 1, unreportedErrors: 1 });
  });

  it("delivers to several handlers and unsubscribe stops delivery", async () => {
    const channel = randomKey("multi");
    const first = recorder();
    const second = recorder();
    const a = await bus.subscribe(channel, first.handler);
    const b = await bus.subscribe(channel, second.handler);
    await bus.publish(channel, "one");
    await waitFor(() => first.received.length === 1 && second.received.length === 1, { description: "both handlers" });
    await a.unsubscribe();
    await bus.publish(channel, "two");
    await waitFor(() => second.received.length === 2, { description: "the remaining handler" });
    expect(first.received.map((entry) => entry.message)).toEqual(["one"]);
    await b.unsubscribe();
    await b.unsubscribe();
    if (!target().cluster) {
      const [, count] = (await target().raw.pubsub("NUMSUB", target().rawChannel(channel))) as [string, number];
      expect(count).toBe(0);
      expect(await bus.publish(channel, "three")).toBe(0);
    }
    // A marker on a fresh channel proves the bus is still live and "three" was not delivered before it.
    const marker = randomKey("marker");
    const markers = recorder();
    await bus.subscribe(marker, markers.handler);
    await bus.publish(channel, "three");
    await bus.publish(marker, "m");
    await waitFor(() => markers.received.length === 1, { description: "the marker" });
    expect(second.received.map((entry) => entry.message)).toEqual(["one", "two"]);
  });

  it("messages() yields decoded messages in order and unsubscribes on break", async () => {
    const channel = randomKey("iter");
    const stream = bus.messages<ReturnType<typeof payment>>(channel);
    await stream.ready;
    for (const id of ["a", "b", "c"]) await bus.publish(channel, payment(id));
    const seen: Array<ReturnType<typeof payment>> = [];
    for await (const message of stream) {
      seen.push(message);
      if (seen.length === 3) break;
    }
    expectInOrderUnlessCluster(target().cluster, seen, [payment("a"), payment("b"), payment("c")]);
    if (!target().cluster) expect(await bus.publish(channel, "late")).toBe(0);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it("fails with SERIALIZATION_FAILED before any I/O and validates names", async () => {
    const channel = randomKey("bad");
    const error = await rejection(bus.publish(channel, { callback: () => undefined }));
    expect(isRedisError(error, "SERIALIZATION_FAILED")).toBe(true);
    expect(error).toMatchObject({ operation: "publish", key: channel });
    expect(isRedisError(await rejection(bus.publish("", 1)), "INVALID_ARGUMENT")).toBe(true);
    const empty = await rejection(bus.subscribe("", () => undefined));
    expect(empty).toMatchObject({ code: "INVALID_ARGUMENT", operation: "subscribe" });
    expect(await rejection(bus.psubscribe("", () => undefined))).toMatchObject({ code: "INVALID_ARGUMENT", operation: "psubscribe" });
  });

  it("close() ends streams, and later calls fail with CLOSED", async () => {
    const channel = randomKey("closing");
    const stream = bus.messages(channel);
    await stream.ready;
    const next = stream.next();
    await bus.close();
    expect(await next).toEqual({ done: true, value: undefined });
    expect(await rejection(bus.publish(channel, 1))).toMatchObject({ code: "CLOSED", operation: "publish", key: channel });
    expect(await rejection(bus.subscribe(channel, () => undefined))).toMatchObject({ code: "CLOSED", operation: "subscribe" });
  });
});
