import { isRedisError, keySlot, type RedisConnection } from "@redis-interface/core";
import { blockedClients, randomKey, waitFor } from "@redis-interface/testing";
import { consumerGroups } from "../src/index.js";
import { countingConnection, describeEachTarget, rejection, streamKey, commandCounter, type GroupsTarget } from "./support/targets.js";

/**
 * Other test files share the servers, so a test waits for a blocked XREADGROUP client that was
 * not there before it started, not for a higher count (theirs may unblock at the same moment).
 */
function blockedReaders(raw: GroupsTarget["raw"]): Promise<Set<string>> {
  return blockedClients(raw, "xreadgroup");
}

async function aNewReaderBlocks(raw: GroupsTarget["raw"], before: ReadonlySet<string>): Promise<boolean> {
  return [...(await blockedReaders(raw))].some((reader) => !before.has(reader));
}

describeEachTarget("reading with a group and acknowledging", (target) => {
  const as = (consumer: string, name = "g") => ({ name, consumer });

  it("reads new entries with '>', then the consumer's own pending ones with '0'; XACK counts what it removed", async () => {
    const { groups, add } = target();
    const stream = streamKey();
    await groups.consumerGroupCreate(stream, "g", "$");
    const ids = [await add(stream, { n: "1" }), await add(stream, { n: "2" }), await add(stream, { n: "3" })];
    const first = await groups.streamReadWithOptions([stream], [">"], { count: 2, group: as("c1") });
    expect(first).toEqual({ [stream]: [{ id: ids[0], fields: { n: "1" } }, { id: ids[1], fields: { n: "2" } }] });
    const second = await groups.streamReadWithOptions(stream, ">", { group: as("c2") });
    expect(second[stream]?.map((e) => e.id)).toEqual([ids[2]]);
    expect((await groups.streamReadWithOptions(stream, ">", { group: as("c1") }))[stream]).toEqual([]);

    const own = await groups.streamReadWithOptions(stream, "0", { group: as("c1") });
    expect(own[stream]?.map((e) => e.id)).toEqual([ids[0], ids[1]]);
    const after = await groups.streamReadWithOptions(stream, ids[0] as string, { group: as("c1") });
    expect(after[stream]?.map((e) => e.id)).toEqual([ids[1]]);

    expect(await groups.streamAcknowledgeEntries(stream, "g", [ids[0] as string, ids[2] as string])).toBe(2);
    expect(await groups.streamAcknowledgeEntries(stream, "g", [ids[0] as string])).toBe(0);
    expect(await groups.streamAcknowledgeEntries(stream, "g", ["1-1"])).toBe(0);
    expect((await groups.streamReadWithOptions(stream, "0-0", { group: as("c1") }))[stream]?.map((e) => e.id)).toEqual([ids[1]]);
    expect((await groups.streamReadWithOptions(stream, "0", { group: as("c2") }))[stream]).toEqual([]);
    expect((await groups.consumerGroupPending(stream, "g")).count).toBe(1);
    expect(await groups.streamAcknowledgeEntries(stream, "missing-group", [ids[1] as string])).toBe(0);
  });

  it("a pending entry deleted from the stream comes back in the consumer's history with no fields", async () => {
    const { groups, add, raw, rawKey } = target();
    const stream = streamKey();
    await groups.consumerGroupCreate(stream, "g", "$");
    const [a, b] = [await add(stream, { n: "a" }), await add(stream, { n: "b" })];
    await groups.streamReadWithOptions(stream, ">", { group: as("c") });
    await raw.xdel(rawKey(stream), a);
    expect((await groups.streamReadWithOptions(stream, "0", { group: as("c") }))[stream]).toEqual([
      { id: a, fields: {} },
      { id: b, fields: { n: "b" } },
    ]);
  });

  it("NOACK delivers without adding to the pending list", async () => {
    const { groups, add } = target();
    const stream = streamKey();
    await groups.consumerGroupCreate(stream, "g", "$");
    await add(stream);
    await add(stream);
    const read = await groups.streamReadWithOptions(stream, ">", { group: as("c"), noAck: true });
    expect(read[stream]).toHaveLength(2);
    expect(await groups.consumerGroupPending(stream, "g")).toEqual({ count: 0, smallestId: null, largestId: null, consumers: [] });
  });

  it("without a group it is a plain XREAD", async () => {
    const { groups, add } = target();
    const stream = streamKey();
    const ids = [await add(stream, { n: "1" }), await add(stream, { n: "2" })];
    expect((await groups.streamReadWithOptions(stream, "0"))[stream]?.map((e) => e.id)).toEqual(ids);
    expect((await groups.streamReadWithOptions(stream, ids[0] as string, { count: 5 }))[stream]?.map((e) => e.id)).toEqual([ids[1]]);
    expect(await groups.streamReadWithOptions(stream, "$")).toEqual({ [stream]: [] });
    const missing = streamKey();
    expect(await groups.streamReadWithOptions(missing, "0")).toEqual({ [missing]: [] });
  });

  it("reads several streams of one slot, keyed by the caller's names", async () => {
    const { groups, add } = target();
    const tag = randomKey("tag");
    const [s1, s2, s3] = [streamKey("a", tag), streamKey("b", tag), streamKey("c", tag)];
    for (const s of [s1, s2, s3]) await groups.consumerGroupCreate(s, "g", "$");
    const a = await add(s1, { from: "s1" });
    const b = await add(s2, { from: "s2" });
    const read = await groups.streamReadWithOptions([s1, s2, s3], [">", ">", ">"], { group: as("c") });
    expect(read).toEqual({ [s1]: [{ id: a, fields: { from: "s1" } }], [s2]: [{ id: b, fields: { from: "s2" } }], [s3]: [] });
    const again = await groups.streamReadWithOptions([s1, s2], "0", { group: as("c") });
    expect(Object.keys(again).sort()).toEqual([s1, s2].sort());
  });

  it("streams in different cluster slots are CROSS_SLOT before any I/O on a cluster, and fine on one server", async () => {
    const { connection, cluster, add } = target();
    const s1 = streamKey();
    let s2 = streamKey();
    while (keySlot(connection.keys.key(s2)) === keySlot(connection.keys.key(s1))) s2 = streamKey();
    const groups = consumerGroups(connection);
    if (cluster) {
      const traced = commandCounter();
      try {
        const error = await rejection(groups.streamReadWithOptions([s1, s2], ">", { group: as("c") }));
        expect(isRedisError(error, "CROSS_SLOT")).toBe(true);
        expect(error.operation).toBe("streamReadWithOptions");
        expect(isRedisError(await rejection(groups.streamReadWithOptions([s1, s2], "0", { blockMs: 10 })), "CROSS_SLOT")).toBe(true);
        expect(traced.counts.size).toBe(0);
      } finally {
        traced.close();
      }
    } else {
      await groups.consumerGroupCreate(s1, "g", "$");
      await groups.consumerGroupCreate(s2, "g", "$");
      const id = await add(s2);
      expect(await groups.streamReadWithOptions([s1, s2], ">", { group: as("c") })).toEqual({ [s1]: [], [s2]: [{ id, fields: { f: "v" } }] });
    }
  });

  it("rejects bad ids and options before any I/O", async () => {
    const { connection } = target();
    const { connection: counting, sent } = countingConnection(connection);
    const groups = consumerGroups(counting);
    const stream = streamKey();
    const group = as("c");
    for (const id of ["$", "*", "+", "-", "x", "1-x", ""]) {
      const error = await rejection(groups.streamReadWithOptions(stream, id, { group }));
      expect(isRedisError(error, "INVALID_ENTRY_ID")).toBe(true);
      expect(error.operation).toBe("streamReadWithOptions");
      expect(error.key).toBe(stream);
    }
    expect(isRedisError(await rejection(groups.streamReadWithOptions(stream, ">")), "INVALID_ENTRY_ID")).toBe(true);
    expect(isRedisError(await rejection(groups.streamReadWithOptions(stream, "*")), "INVALID_ENTRY_ID")).toBe(true);
    const invalidArguments: Array<() => Promise<unknown>> = [
      () => groups.streamReadWithOptions([stream, streamKey()], [">"], { group }),
      () => groups.streamReadWithOptions([], [], { group }),
      () => groups.streamReadWithOptions([stream, ""], ">", { group }),
      () => groups.streamReadWithOptions(stream, ">", { group: { name: "", consumer: "c" } }),
      () => groups.streamReadWithOptions(stream, ">", { group: { name: "g", consumer: "" } }),
      () => groups.streamReadWithOptions(stream, "0", { noAck: true }),
      () => groups.streamReadWithOptions(stream, ">", { group, count: 0 }),
      () => groups.streamReadWithOptions(stream, ">", { group, count: 1.5 }),
      () => groups.streamReadWithOptions(stream, ">", { group, blockMs: -1 }),
      () => groups.streamReadWithOptions(stream, ">", { group, blockMs: 2 ** 31 }),
      () => groups.streamReadWithOptions([stream, stream], ">", { group }),
      () => groups.streamReadWithOptions(stream, ">", { group, block: 10 } as never),
      () => groups.streamReadWithOptions(stream, ">", { group: { ...group, noack: true } } as never),
      () => groups.streamAcknowledgeEntries(stream, "", ["1-1"]),
      () => groups.streamAcknowledgeEntries(stream, "g", "1-1" as unknown as string[]),
    ];
    for (const call of invalidArguments) expect(isRedisError(await rejection(call()), "INVALID_ARGUMENT")).toBe(true);
    for (const id of [">", "$", "*", "0", "abc"]) {
      expect(isRedisError(await rejection(groups.streamAcknowledgeEntries(stream, "g", ["1-1", id])), "INVALID_ENTRY_ID")).toBe(true);
    }
    expect(await groups.streamAcknowledgeEntries(stream, "g", [])).toBe(0);
    const aborted = new AbortController();
    aborted.abort();
    expect(isRedisError(await rejection(groups.streamReadWithOptions(stream, ">", { group, signal: aborted.signal })), "ABORTED")).toBe(true);
    expect(sent).toEqual({ send: 0, sendBlocking: 0 });
  });

  it("reads with blockMs through sendBlocking, without it through send", async () => {
    const { connection, add } = target();
    const { connection: counting, sent } = countingConnection(connection);
    const groups = consumerGroups(counting);
    const stream = streamKey();
    await groups.consumerGroupCreate(stream, "g", "$");
    await add(stream);
    expect(sent).toEqual({ send: 1, sendBlocking: 0 });
    expect((await groups.streamReadWithOptions(stream, ">", { group: as("c"), blockMs: 1000 }))[stream]).toHaveLength(1);
    expect(sent).toEqual({ send: 1, sendBlocking: 1 });
    expect((await groups.streamReadWithOptions(stream, "0", { group: as("c") }))[stream]).toHaveLength(1);
    expect(sent).toEqual({ send: 2, sendBlocking: 1 });
  });

  it("a blocking group read on a one-connection pool does not delay a GET, and an XADD releases it", async () => {
    const { connect, raw, add } = target();
    const pool: RedisConnection = await connect({ poolSize: 1 });
    const groups = consumerGroups(pool);
    const stream = streamKey();
    const key = randomKey("get");
    await raw.set(pool.keys.key(key), "value");
    await groups.consumerGroupCreate(stream, "g", "$");
    const blockedBefore = await blockedReaders(raw);
    const order: string[] = [];
    const started = Date.now();
    const read = groups.streamReadWithOptions(stream, ">", { group: as("c"), blockMs: 20_000 }).then((result) => {
      order.push("read");
      return result;
    });
    await waitFor(() => aNewReaderBlocks(raw, blockedBefore), { description: "the XREADGROUP to block" });
    const value = await pool.execute("get", key, (client) => client.get(pool.keys.key(key)));
    order.push("get");
    expect(value).toBe("value");
    expect(order).toEqual(["get"]);
    const id = await add(stream, { released: "yes" });
    expect(await read).toEqual({ [stream]: [{ id, fields: { released: "yes" } }] });
    expect(order).toEqual(["get", "read"]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("a blocking read that times out returns no entries; an aborted one ends at once with ABORTED", async () => {
    const { groups, raw } = target();
    const stream = streamKey();
    await groups.consumerGroupCreate(stream, "g", "$");
    expect(await groups.streamReadWithOptions(stream, ">", { group: as("c"), blockMs: 50 })).toEqual({ [stream]: [] });
    const controller = new AbortController();
    const blockedBefore = await blockedReaders(raw);
    const started = Date.now();
    const read = rejection(groups.streamReadWithOptions(stream, ">", { group: as("c"), blockMs: 30_000, signal: controller.signal }));
    await waitFor(() => aNewReaderBlocks(raw, blockedBefore), { description: "the XREADGROUP to block" });
    controller.abort();
    const error = await read;
    expect(isRedisError(error, "ABORTED")).toBe(true);
    expect(error.operation).toBe("streamReadWithOptions");
    expect(error.key).toBe(stream);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("a missing group is NOGROUP; a string key is WRONG_TYPE", async () => {
    const { groups, add, raw, rawKey } = target();
    const stream = streamKey();
    await add(stream);
    for (const options of [{ group: as("c", "nope") }, { group: as("c", "nope"), blockMs: 10 }]) {
      const error = await rejection(groups.streamReadWithOptions(stream, ">", options));
      expect(isRedisError(error, "COMMAND_FAILED")).toBe(true);
      expect(error.replyCode).toBe("NOGROUP");
      expect(error.operation).toBe("streamReadWithOptions");
      expect(error.key).toBe(stream);
    }
    const missing = await rejection(groups.streamReadWithOptions(streamKey(), ">", { group: as("c") }));
    expect(missing.replyCode).toBe("NOGROUP");
    const key = randomKey("str");
    await raw.set(rawKey(key), "x");
    const wrong = await rejection(groups.streamReadWithOptions(key, ">", { group: as("c") }));
    expect(isRedisError(wrong, "WRONG_TYPE")).toBe(true);
    expect(wrong.key).toBe(key);
    expect(isRedisError(await rejection(groups.streamReadWithOptions(key, "0")), "WRONG_TYPE")).toBe(true);
    expect(isRedisError(await rejection(groups.streamAcknowledgeEntries(key, "g", ["1-1"])), "WRONG_TYPE")).toBe(true);
  });
});
