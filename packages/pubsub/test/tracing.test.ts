import { tracingChannel } from "node:diagnostics_channel";
import { COMMAND_TRACE_CHANNEL, type RedisCommandTrace } from "@redis-interface/core";
import { randomKey, waitFor } from "@redis-interface/testing";
import { pubsub, type PubSub } from "../src/index.js";
import { describeEachTarget, recorder } from "./support/targets.js";

describeEachTarget("pub/sub on the redis-interface:command tracing channel", (target) => {
  let bus: PubSub;
  const finished: RedisCommandTrace[] = [];
  const ignore = (): void => undefined;
  const subscribers = { start: ignore, end: ignore, asyncStart: ignore, error: ignore, asyncEnd: (trace: RedisCommandTrace) => void finished.push(trace) };
  const channel = tracingChannel<unknown, RedisCommandTrace>(COMMAND_TRACE_CHANNEL);

  beforeEach(() => {
    finished.length = 0;
    bus = pubsub(target().connection);
    channel.subscribe(subscribers);
  });
  afterEach(async () => {
    channel.unsubscribe(subscribers);
    await bus.close();
  });

  it("publishes subscribe, publish and unsubscribe with their commands, on the subscriber connection for the first and last", async () => {
    const name = randomKey("traced-channel");
    const secret = `message-${randomKey()}`;
    const { received, handler } = recorder();
    const subscription = await bus.subscribe(name, handler);
    await bus.publish(name, secret);
    await waitFor(() => received.length === 1, { description: "the message" });
    await subscription.unsubscribe();
    const cluster = target().cluster;
    const seen = finished.map((trace) => [trace.operation, trace.commands.join(" "), trace.dedicated, trace.cluster]);
    expect(seen).toEqual([
      ["subscribe", "SUBSCRIBE", true, cluster],
      ["publish", "PUBLISH", false, cluster],
      ["unsubscribe", "UNSUBSCRIBE", true, cluster],
    ]);
    expect(finished.every((trace) => trace.durationMs !== undefined && trace.errorCode === undefined)).toBe(true);
    const published = JSON.stringify(finished);
    expect(published).not.toContain(name);
    expect(published).not.toContain(secret);
  });

  it("names the sharded commands on a sharded bus (cluster)", async () => {
    if (!target().cluster) return; // sharded pub/sub needs a cluster
    const sharded = pubsub(target().connection, { sharded: true });
    try {
      const name = randomKey("traced-shard");
      const { received, handler } = recorder();
      const subscription = await sharded.subscribe(name, handler);
      await sharded.publish(name, "x");
      await waitFor(() => received.length === 1, { description: "the sharded message" });
      await subscription.unsubscribe();
      expect(finished.map((trace) => `${trace.operation}:${trace.commands.join(" ")}:${trace.keyCount}`)).toEqual([
        "subscribe:SSUBSCRIBE:1",
        "publish:SPUBLISH:1",
        "unsubscribe:SUNSUBSCRIBE:1",
      ]);
    } finally {
      await sharded.close();
    }
  });

  it("traces a pattern subscription", async () => {
    const subscription = await bus.psubscribe(`${randomKey("traced")}:*`, () => undefined);
    await subscription.unsubscribe();
    expect(finished.map((trace) => `${trace.operation}:${trace.commands.join(" ")}`)).toEqual(["psubscribe:PSUBSCRIBE", "punsubscribe:PUNSUBSCRIBE"]);
  });
});
