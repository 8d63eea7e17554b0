import { isRedisError, type RedisCodec } from "@redis-interface/core";
import { randomId, waitFor } from "@redis-interface/testing";
import { pubsub } from "../src/index.js";
import { describeEachTarget, payment, recorder } from "./support/targets.js";

/** Hands over the exact text on the wire, both ways: what another service writes or reads. */
const wire: RedisCodec = {
  name: "wire",
  encode: (value) => {
    if (typeof value !== "string") throw new TypeError("the wire codec sends strings only");
    return value;
  },
  decode: (text) => text,
};

describeEachTarget("pubsub(connection, { codec })", (target) => {
  it("serde: published messages are what serde_json reads; Rust-shaped messages arrive with the big integer exact", async () => {
    const { connection } = target();
    const channel = `payments_${randomId(8)}`;
    const serde = pubsub(connection, { codec: "serde" });
    const raw = pubsub(connection, { codec: wire });
    const byDefault = pubsub(connection);
    try {
      const onWire = recorder<string>();
      const onSerde = recorder();
      const onDefault = recorder();
      await raw.subscribe(channel, onWire.handler);
      await serde.subscribe(channel, onSerde.handler);
      await byDefault.subscribe(channel, onDefault.handler);

      await serde.publish(channel, payment("pay_1"));
      await raw.publish(channel, '{"id":"pay_2","amount":9223372036854775807}');
      await waitFor(() => onWire.received.length === 2 && onSerde.received.length === 2 && onDefault.received.length === 2, { description: "both messages on every bus" });

      expect(onWire.received[0].message).toBe('{"id":"pay_1","amount":9007199254740993,"currency":"EUR","createdAt":"2026-11-25T09:30:00.123Z"}');
      const rustShaped = { id: "pay_2", amount: 9223372036854775807n };
      expect(onSerde.received.map(({ message }) => message)).toStrictEqual([
        { id: "pay_1", amount: 9007199254740993n, currency: "EUR", createdAt: "2026-11-25T09:30:00.123Z" },
        rustShaped,
      ]);
      // The default codec reads the same plain JSON the same way.
      expect(onDefault.received.map(({ message }) => message)).toStrictEqual(onSerde.received.map(({ message }) => message));
      expect(connection.codec.name).toBe("superjson");
    } finally {
      await Promise.all([serde.close(), raw.close(), byDefault.close()]);
    }
  });

  it("a codec that names none is INVALID_ARGUMENT naming pubsub, before any connection is opened", () => {
    const { connection } = target();
    for (const codec of ["msgpack", 1, null, { encode: () => "" }]) {
      let thrown: unknown;
      try {
        pubsub(connection, { codec } as never);
      } catch (error) {
        thrown = error;
      }
      expect(isRedisError(thrown, "INVALID_ARGUMENT")).toBe(true);
      expect((thrown as Error).message).toContain("codec");
      expect((thrown as { operation?: string }).operation).toBe("pubsub");
    }
  });
});
