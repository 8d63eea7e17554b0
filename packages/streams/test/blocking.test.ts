import { isRedisError } from "@redis-interface/core";
import { randomKey, waitFor } from "@redis-interface/testing";
import { streams } from "../src/index.js";
import { blockedXreadClients, countingConnection, describeEachTarget, type StreamsTarget } from "./support/targets.js";

/**
 * Starts a blocking read and resolves once Redis shows a new client blocked in XREAD, with the
 * read's promise wrapped (an async function returning a bare promise would wait for it).
 */
async function startBlockedRead<T>(target: StreamsTarget, read: () => Promise<T>, order: string[]): Promise<{ reading: Promise<T> }> {
  const before = await blockedXreadClients(target.raw);
  const reading = read().then((result) => {
    order.push("read");
    return result;
  });
  reading.catch(() => undefined);
  await waitFor(async () => [...(await blockedXreadClients(target.raw))].some((id) => !before.has(id)), { timeoutMs: 10_000, description: "an XREAD blocked on the server" });
  return { reading };
}

describeEachTarget("blocking reads", (target) => {
  it("a 2 s XREAD BLOCK runs on a dedicated connection: a GET on the same pool (one shared connection) completes first, and the read returns what is appended later", async () => {
    const t = target();
    const { connection: counted, sent } = countingConnection(t.connection);
    const store = streams(counted);
    const [stream, key] = [randomKey("block"), randomKey("get")];
    await t.raw.set(t.rawKey(key), "value");
    const order: string[] = [];
    const { reading } = await startBlockedRead(t, () => store.streamReadWithOptions([stream], ["$"], { blockMs: 2000 }), order);
    const value = await t.connection.execute("getKey", key, (client) => client.get(t.rawKey(key)));
    order.push("get");
    expect(value).toBe("value");
    expect(order).toEqual(["get"]);
    const id = await t.store.streamAppendEntry(stream, "*", { event: "payment_succeeded" });
    expect(await reading).toEqual({ [stream]: [{ id, fields: { event: "payment_succeeded" } }] });
    expect(order).toEqual(["get", "read"]);
    expect(sent).toEqual({ send: 0, sendBlocking: 1 });
  });

  it("a BLOCK that ends without entries gives [] for every stream", async () => {
    const { store } = target();
    const stream = randomKey("quiet");
    expect(await store.streamReadWithOptions([stream], ["$"], { blockMs: 50 })).toEqual({ [stream]: [] });
  });

  it("blockMs 0 waits until an XADD releases it", async () => {
    const t = target();
    const tag = randomKey("tag");
    const [a, b] = [`{${tag}}:a`, `{${tag}}:b`];
    const order: string[] = [];
    const { reading } = await startBlockedRead(t, () => t.store.streamReadWithOptions([a, b], ["$", "$"], { blockMs: 0, count: 10 }), order);
    expect(await t.store.streamGetLength(b)).toBe(0);
    expect(order).toEqual([]);
    const id = await t.store.streamAppendEntry(b, "*", { n: "1" });
    expect(await reading).toEqual({ [a]: [], [b]: [{ id, fields: { n: "1" } }] });
  });

  it("several blocking reads at once each get their own connection", async () => {
    const t = target();
    const names = [randomKey("many"), randomKey("many"), randomKey("many")];
    const before = await blockedXreadClients(t.raw);
    const reads = names.map((name) => t.store.streamReadWithOptions(name, "$", { blockMs: 0 }));
    await waitFor(async () => [...(await blockedXreadClients(t.raw))].filter((id) => !before.has(id)).length >= names.length, { timeoutMs: 10_000, description: "3 blocked XREADs" });
    const ids = await Promise.all(names.map((name) => t.store.streamAppendEntry(name, "*", { name })));
    const results = await Promise.all(reads);
    results.forEach((result, index) => expect(result).toEqual({ [names[index] as string]: [{ id: ids[index], fields: { name: names[index] } }] }));
  });

  it("a blocking read reports WRONG_TYPE, and the pool keeps working", async () => {
    const { store, raw, rawKey } = target();
    const key = randomKey("str");
    await raw.set(rawKey(key), "v");
    expect(isRedisError(await store.streamReadWithOptions(key, "$", { blockMs: 1000 }).catch((error: unknown) => error), "WRONG_TYPE")).toBe(true);
    const stream = randomKey("after");
    const id = await store.streamAppendEntry(stream, "*", { a: "1" });
    expect(await store.streamReadWithOptions(stream, "0", { blockMs: 1000 })).toEqual({ [stream]: [{ id, fields: { a: "1" } }] });
  });

  it("aborting the signal ends a blocking read with ABORTED; an aborted signal fails before any I/O", async () => {
    const t = target();
    const stream = randomKey("abort");
    const controller = new AbortController();
    const order: string[] = [];
    const { reading } = await startBlockedRead(t, () => t.store.streamReadWithOptions(stream, "$", { blockMs: 0, signal: controller.signal }), order);
    controller.abort();
    const error = await reading.then(() => undefined, (reason: unknown) => reason);
    expect(isRedisError(error, "ABORTED")).toBe(true);
    expect(order).toEqual([]);
    const { connection: counted, sent } = countingConnection(t.connection);
    const aborted = await streams(counted).streamReadWithOptions(stream, "0", { signal: controller.signal }).catch((reason: unknown) => reason);
    expect(isRedisError(aborted, "ABORTED")).toBe(true);
    expect(sent).toEqual({ send: 0, sendBlocking: 0 });
    const id = await t.store.streamAppendEntry(stream, "*", { a: "1" });
    expect(await t.store.streamReadWithOptions(stream, "0", { blockMs: 100 })).toEqual({ [stream]: [{ id, fields: { a: "1" } }] });
  });

  it("passes sendBlocking a client timeout of blockMs + defaultCommandTimeoutMs, none for blockMs 0 or beyond Node's timer range", async () => {
    const t = target();
    const seen: Array<number | undefined> = [];
    const spying = new Proxy(t.connection, {
      get(real, property, receiver) {
        if (property !== "sendBlocking") return Reflect.get(real, property, receiver);
        return (...args: Parameters<typeof real.sendBlocking>) => {
          seen.push(args[2].timeoutMs);
          return real.sendBlocking(...args);
        };
      },
    });
    const stream = randomKey("timeout");
    await t.store.streamAppendEntry(stream, "*", { a: "1" });
    await streams(spying).streamReadWithOptions(stream, "0", { blockMs: 50 });
    await streams(spying).streamReadWithOptions(stream, "0", { blockMs: 0 });
    await streams(spying).streamReadWithOptions(stream, "0", { blockMs: 2_147_483_647 });
    expect(seen).toEqual([50 + t.connection.settings.defaultCommandTimeoutMs, undefined, undefined]);
  });
});

