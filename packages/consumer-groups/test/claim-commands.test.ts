import { isRedisError } from "@redis-interface/core";
import { randomKey, waitFor } from "@redis-interface/testing";
import { consumerGroups, type ConsumerGroupStore } from "../src/index.js";
import { countingConnection, describeEachTarget, rejection, streamKey } from "./support/targets.js";

/** Waits (polling XPENDING, no fixed sleep) until every entry pending in `group` has been idle for `ms`. */
async function waitUntilIdle(groups: ConsumerGroupStore, stream: string, group: string, ms: number): Promise<void> {
  await waitFor(
    async () => {
      const entries = await groups.consumerGroupPending(stream, group, { count: 1000 });
      return entries.length > 0 && entries.every((entry) => entry.idleMs >= ms);
    },
    { description: `pending entries idle for ${ms} ms` },
  );
}

describeEachTarget("claiming and pending entries", (target) => {
  const as = (consumer: string) => ({ name: "g", consumer });

  async function setUp(entries: number): Promise<{ stream: string; ids: string[] }> {
    const { groups, add } = target();
    const stream = streamKey();
    await groups.consumerGroupCreate(stream, "g", "$");
    const ids: string[] = [];
    for (let i = 0; i < entries; i++) ids.push(await add(stream, { n: String(i) }));
    return { stream, ids };
  }

  it("XCLAIM takes over entries only once they are idle for minIdleMs", async () => {
    const { groups } = target();
    const { stream, ids } = await setUp(3);
    await groups.streamReadWithOptions(stream, ">", { count: 2, group: as("c1") });
    const [a, b] = ids as [string, string];
    expect(await groups.consumerGroupSetMessageOwner(stream, "g", "c2", 60_000, [a, b])).toEqual([]);
    await waitUntilIdle(groups, stream, "g", 150);
    const claimed = await groups.consumerGroupSetMessageOwner(stream, "g", "c2", 150, [a, b]);
    expect(claimed).toEqual([
      { id: a, fields: { n: "0" } },
      { id: b, fields: { n: "1" } },
    ]);
    const pending = await groups.consumerGroupPending(stream, "g", { count: 10 });
    expect(pending.map(({ id, consumer, deliveries }) => ({ id, consumer, deliveries }))).toEqual([
      { id: a, consumer: "c2", deliveries: 2 },
      { id: b, consumer: "c2", deliveries: 2 },
    ]);
    expect(pending.every((entry) => entry.idleMs < 150)).toBe(true);
    // an id that is not pending (never delivered) is not claimed
    expect(await groups.consumerGroupSetMessageOwner(stream, "g", "c2", 0, [ids[2] as string])).toEqual([]);
  });

  it("XCLAIM omits entries deleted from the stream", async () => {
    const { groups, raw, rawKey } = target();
    const { stream, ids } = await setUp(3);
    await groups.streamReadWithOptions(stream, ">", { group: as("c1") });
    await raw.xdel(rawKey(stream), ids[1] as string);
    const claimed = await groups.consumerGroupSetMessageOwner(stream, "g", "c2", 0, ids);
    expect(claimed.map((entry) => entry.id)).toEqual([ids[0], ids[2]]);
  });

  it("XCLAIM validates before any I/O, and [] ids need none", async () => {
    const { connection } = target();
    const { connection: counting, sent } = countingConnection(connection);
    const groups = consumerGroups(counting);
    const stream = streamKey();
    expect(await groups.consumerGroupSetMessageOwner(stream, "g", "c", 0, [])).toEqual([]);
    for (const id of [">", "*", "$", "0", "-", "x-1"]) {
      const error = await rejection(groups.consumerGroupSetMessageOwner(stream, "g", "c", 0, ["1-0", id]));
      expect(isRedisError(error, "INVALID_ENTRY_ID")).toBe(true);
      expect(error.operation).toBe("consumerGroupSetMessageOwner");
      expect(error.key).toBe(stream);
    }
    for (const call of [
      () => groups.consumerGroupSetMessageOwner(stream, "g", "c", -1, ["1-0"]),
      () => groups.consumerGroupSetMessageOwner(stream, "g", "c", 1.5, ["1-0"]),
      () => groups.consumerGroupSetMessageOwner(stream, "g", "", 0, ["1-0"]),
      () => groups.consumerGroupSetMessageOwner(stream, "", "c", 0, ["1-0"]),
      () => groups.consumerGroupAutoClaim(stream, "g", "c", -5),
      () => groups.consumerGroupAutoClaim(stream, "g", "c", 0, { count: 0 }),
      () => groups.consumerGroupAutoClaim(stream, "g", "", 0),
      () => groups.consumerGroupPending(stream, "g", { count: 0 }),
      () => groups.consumerGroupPending(stream, "g", { count: 5, minIdleMs: -1 }),
      () => groups.consumerGroupPending(stream, "g", { count: 5, consumer: "" }),
      () => groups.consumerGroupPending(stream, ""),
      () => groups.consumerGroupAutoClaim(stream, "g", "c", 0, { cursor: "0-0" } as never),
      () => groups.consumerGroupPending(stream, "g", { count: 5, idle: 10 } as never),
      () => groups.consumerGroupSetMessageOwner(stream, "g", "c", 0, "1-0" as never),
    ]) {
      expect(isRedisError(await rejection(call()), "INVALID_ARGUMENT")).toBe(true);
    }
    expect(isRedisError(await rejection(groups.consumerGroupAutoClaim(stream, "g", "c", 0, { start: ">" })), "INVALID_ENTRY_ID")).toBe(true);
    expect(isRedisError(await rejection(groups.consumerGroupPending(stream, "g", { start: "*", count: 1 })), "INVALID_ENTRY_ID")).toBe(true);
    expect(sent).toEqual({ send: 0, sendBlocking: 0 });
  });

  it("XAUTOCLAIM moves idle entries and reports the pending ids deleted from the stream", async () => {
    const { groups, raw, rawKey } = target();
    const { stream, ids } = await setUp(4);
    await groups.streamReadWithOptions(stream, ">", { group: as("dead") });
    await raw.xdel(rawKey(stream), ids[1] as string);
    // not idle long enough: nothing claimed (Redis 7.0 already reports and drops the deleted id here)
    const early = await groups.consumerGroupAutoClaim(stream, "g", "alive", 60_000);
    expect(early.entries).toEqual([]);
    expect(early.nextId).toBe("0-0");
    await waitUntilIdle(groups, stream, "g", 100);
    const result = await groups.consumerGroupAutoClaim(stream, "g", "alive", 100);
    expect(result.nextId).toBe("0-0");
    expect(result.entries).toEqual([
      { id: ids[0], fields: { n: "0" } },
      { id: ids[2], fields: { n: "2" } },
      { id: ids[3], fields: { n: "3" } },
    ]);
    expect([...early.deletedIds, ...result.deletedIds]).toEqual([ids[1]]);
    const summary = await groups.consumerGroupPending(stream, "g");
    expect(summary).toEqual({ count: 3, smallestId: ids[0], largestId: ids[3], consumers: [{ name: "alive", pending: 3 }] });
  });

  it("XAUTOCLAIM right after an XDEL of a pending entry lists it in deletedIds and drops it from the pending list", async () => {
    const { groups, raw, rawKey } = target();
    const { stream, ids } = await setUp(2);
    await groups.streamReadWithOptions(stream, ">", { group: as("dead") });
    await raw.xdel(rawKey(stream), ids[0] as string);
    const result = await groups.consumerGroupAutoClaim(stream, "g", "alive", 0);
    expect(result).toEqual({ nextId: "0-0", entries: [{ id: ids[1], fields: { n: "1" } }], deletedIds: [ids[0]] });
    expect(await groups.consumerGroupPending(stream, "g")).toEqual({ count: 1, smallestId: ids[1], largestId: ids[1], consumers: [{ name: "alive", pending: 1 }] });
  });

  it("XAUTOCLAIM pages with count and start", async () => {
    const { groups } = target();
    const { stream, ids } = await setUp(5);
    await groups.streamReadWithOptions(stream, ">", { group: as("dead") });
    const first = await groups.consumerGroupAutoClaim(stream, "g", "alive", 0, { count: 2 });
    expect(first.entries.map((e) => e.id)).toEqual(ids.slice(0, 2));
    expect(first.nextId).toBe(ids[2]);
    const second = await groups.consumerGroupAutoClaim(stream, "g", "alive", 0, { start: first.nextId, count: 2 });
    expect(second.entries.map((e) => e.id)).toEqual(ids.slice(2, 4));
    const third = await groups.consumerGroupAutoClaim(stream, "g", "alive", 0, { start: second.nextId, count: 2 });
    expect(third.entries.map((e) => e.id)).toEqual(ids.slice(4));
    expect(third.nextId).toBe("0-0");
    expect((await groups.consumerGroupPending(stream, "g")).consumers).toEqual([{ name: "alive", pending: 5 }]);
  });

  it("XPENDING summary: empty, then per consumer with the smallest and largest ids", async () => {
    const { groups } = target();
    const { stream, ids } = await setUp(4);
    expect(await groups.consumerGroupPending(stream, "g")).toEqual({ count: 0, smallestId: null, largestId: null, consumers: [] });
    await groups.streamReadWithOptions(stream, ">", { count: 3, group: as("c1") });
    await groups.streamReadWithOptions(stream, ">", { count: 1, group: as("c2") });
    const summary = await groups.consumerGroupPending(stream, "g");
    expect(summary.count).toBe(4);
    expect(summary.smallestId).toBe(ids[0]);
    expect(summary.largestId).toBe(ids[3]);
    expect([...summary.consumers].sort((x, y) => x.name.localeCompare(y.name))).toEqual([
      { name: "c1", pending: 3 },
      { name: "c2", pending: 1 },
    ]);
  });

  it("XPENDING per entry: range, count, consumer and idle filters; deliveries rise with claims", async () => {
    const { groups } = target();
    const { stream, ids } = await setUp(4);
    await groups.streamReadWithOptions(stream, ">", { count: 3, group: as("c1") });
    await groups.streamReadWithOptions(stream, ">", { group: as("c2") });
    const all = await groups.consumerGroupPending(stream, "g", { count: 10 });
    expect(all.map(({ id, consumer, deliveries }) => [id, consumer, deliveries])).toEqual([
      [ids[0], "c1", 1],
      [ids[1], "c1", 1],
      [ids[2], "c1", 1],
      [ids[3], "c2", 1],
    ]);
    expect(all.every((entry) => Number.isInteger(entry.idleMs) && entry.idleMs >= 0)).toBe(true);
    expect((await groups.consumerGroupPending(stream, "g", { count: 2 })).map((e) => e.id)).toEqual(ids.slice(0, 2));
    expect((await groups.consumerGroupPending(stream, "g", { start: ids[1], end: ids[2], count: 10 })).map((e) => e.id)).toEqual(ids.slice(1, 3));
    expect((await groups.consumerGroupPending(stream, "g", { count: 10, consumer: "c2" })).map((e) => e.id)).toEqual([ids[3]]);
    expect(await groups.consumerGroupPending(stream, "g", { count: 10, consumer: "nobody" })).toEqual([]);
    expect(await groups.consumerGroupPending(stream, "g", { count: 10, minIdleMs: 3_600_000 })).toEqual([]);

    await groups.consumerGroupSetMessageOwner(stream, "g", "c3", 0, [ids[0] as string]);
    await groups.consumerGroupAutoClaim(stream, "g", "c2", 0, { count: 1 });
    const [first] = await groups.consumerGroupPending(stream, "g", { count: 1 });
    expect(first).toMatchObject({ id: ids[0], consumer: "c2", deliveries: 3 });
    await waitUntilIdle(groups, stream, "g", 50);
    expect((await groups.consumerGroupPending(stream, "g", { count: 10, minIdleMs: 50 })).length).toBe(4);
  });

  it("a missing group is NOGROUP; a string key is WRONG_TYPE", async () => {
    const { groups, add, raw, rawKey } = target();
    const stream = streamKey();
    const id = await add(stream);
    for (const [operation, call] of [
      ["consumerGroupPending", () => groups.consumerGroupPending(stream, "nope")],
      ["consumerGroupPending", () => groups.consumerGroupPending(stream, "nope", { count: 1 })],
      ["consumerGroupSetMessageOwner", () => groups.consumerGroupSetMessageOwner(stream, "nope", "c", 0, [id])],
      ["consumerGroupAutoClaim", () => groups.consumerGroupAutoClaim(stream, "nope", "c", 0)],
      ["consumerGroupPending", () => groups.consumerGroupPending(streamKey(), "nope")],
    ] as const) {
      const error = await rejection(call());
      expect(isRedisError(error, "COMMAND_FAILED")).toBe(true);
      expect(error.replyCode).toBe("NOGROUP");
      expect(error.operation).toBe(operation);
    }
    const key = randomKey("str");
    await raw.set(rawKey(key), "x");
    for (const call of [
      () => groups.consumerGroupPending(key, "g"),
      () => groups.consumerGroupSetMessageOwner(key, "g", "c", 0, ["1-1"]),
      () => groups.consumerGroupAutoClaim(key, "g", "c", 0),
    ]) {
      const error = await rejection(call());
      expect(isRedisError(error, "WRONG_TYPE")).toBe(true);
      expect(error.key).toBe(key);
    }
  });
});
