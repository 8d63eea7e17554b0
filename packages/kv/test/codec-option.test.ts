import { isRedisError, jsonCodec, type RedisCodec } from "@redis-interface/core";
import { randomKey } from "@redis-interface/testing";
import { kv } from "../src/index.js";
import { describeEachTarget, expectInvalid, rejection } from "./support/targets.js";

interface Payment {
  id: string;
  amount: bigint;
  created_at: Date;
}

const payment: Payment = { id: "pay_1", amount: 9223372036854775807n, created_at: new Date("2026-11-25T10:00:00.123Z") };

/** A codec of its own: JSON behind a marker, so what it wrote is recognisable in Redis. */
const marked: RedisCodec = {
  name: "marked",
  encode: (value) => `marked:${jsonCodec.encode(value)}`,
  decode: (text) => {
    if (!text.startsWith("marked:")) throw new Error("not written by the marked codec");
    return jsonCodec.decode(text.slice("marked:".length));
  },
};

describeEachTarget("kv(connection, { codec })", (target) => {
  it("serde: values and hash fields are what serde_json reads, and read back with the big integer exact", async () => {
    const { connection, raw, rawKey } = target();
    const serde = kv(connection, { codec: "serde" });
    const key = randomKey("pay");
    const hash = randomKey("hash");
    await serde.serializeAndSetKey(key, payment);
    await serde.serializeAndSetHashFieldIfNotExist(hash, "pay_1", payment);
    const expected = '{"id":"pay_1","amount":9223372036854775807,"created_at":"2026-11-25T10:00:00.123Z"}';
    expect(await raw.get(rawKey(key))).toBe(expected);
    expect(await raw.hget(rawKey(hash), "pay_1")).toBe(expected);
    const back = { id: "pay_1", amount: 9223372036854775807n, created_at: "2026-11-25T10:00:00.123Z" };
    expect(await serde.getAndDeserializeKey(key, "Payment")).toStrictEqual(back);
    expect(await serde.getHashFieldAndDeserialize(hash, "pay_1", "Payment")).toStrictEqual(back);
    expect(await serde.getAndDeserializeMultipleKeys([key, randomKey("none")], "Payment")).toStrictEqual([back, null]);
  });

  it("stores with different codecs share the connection without changing each other or the pool's codec", async () => {
    const { connection, raw, rawKey } = target();
    const before = connection.codec;
    const byDefault = kv(connection);
    const serde = kv(connection, { codec: "serde" });
    const key = randomKey("pay");
    await byDefault.serializeAndSetKey(key, payment);
    expect(JSON.parse((await raw.get(rawKey(key))) as string)).toHaveProperty("meta");
    expect(await byDefault.getAndDeserializeKey(key, "Payment")).toStrictEqual(payment);
    // The serde store reads the same bytes as the plain JSON they are (no envelope interpretation).
    expect(await serde.getAndDeserializeKey(key, "Payment")).toHaveProperty("json");
    expect(connection.codec).toBe(before);
  });

  it("a codec object is used both ways, also by the batch and scan functions", async () => {
    const { connection, raw, rawKey } = target();
    const store = kv(connection, { codec: marked });
    const [a, b] = [randomKey("{batch}a"), randomKey("{batch}b")];
    await store.serializeAndSetMultipleKeysWithExpiry({ [a]: { n: 1 }, [b]: { n: 2 } }, { seconds: 60 });
    expect(await raw.get(rawKey(a))).toBe('marked:{"n":1}');
    expect(await store.getAndDeserializeMultipleKeys([a, b], "N")).toStrictEqual([{ n: 1 }, { n: 2 }]);
    const hash = randomKey("hash");
    await store.serializeAndSetHashFieldIfNotExist(hash, "f", { n: 3 });
    expect(await store.hscanAndDeserialize(hash, "*", "N")).toStrictEqual({ values: [{ n: 3 }], failures: [] });
    const error = await rejection(kv(connection).getAndDeserializeKey(a, "N"));
    expect(isRedisError(error, "DESERIALIZATION_FAILED")).toBe(true);
  });

  it('"json" refuses a BigInt before any I/O where the default codec keeps it', async () => {
    const { connection } = target();
    const key = randomKey("pay");
    const error = await rejection(kv(connection, { codec: "json" }).serializeAndSetKey(key, payment));
    expect(isRedisError(error, "SERIALIZATION_FAILED")).toBe(true);
    expect(error.message).toContain("json codec");
    expect(await kv(connection).exists(key)).toBe(false);
  });

  it("a codec that names none is INVALID_ARGUMENT before any I/O", async () => {
    const current = target();
    for (const codec of ["serde_json", "", 42, null, { name: "x", encode: () => "" }]) {
      await expectInvalid({ ...current, store: kv(current.connection) }, async () => kv(current.connection, { codec } as never), "kv");
    }
    expect(() => kv(current.connection, { codec: "msgpack" } as never)).toThrow(/codec is unknown: "msgpack" \(expected superjson, json, serde or a codec object\)/);
  });
});
