import { isRedisError } from "@redis-interface/core";
import { randomKey } from "@redis-interface/testing";
import { consumerGroups } from "../src/index.js";
import { countingConnection, describeEachTarget, rejection, streamKey } from "./support/targets.js";

describeEachTarget("group management", (target) => {
  it("creates a group at '$' with MKSTREAM: the stream now exists, and only later entries are delivered", async () => {
    const { groups, raw, rawKey, add } = target();
    const stream = streamKey();
    expect(await groups.consumerGroupCreate(stream, "g", "$")).toBe(true);
    expect(await raw.type(rawKey(stream))).toBe("stream");
    expect(await raw.xlen(rawKey(stream))).toBe(0);
    const id = await add(stream, { n: "1" });
    const read = await groups.streamReadWithOptions([stream], [">"], { group: { name: "g", consumer: "c" } });
    expect(read).toEqual({ [stream]: [{ id, fields: { n: "1" } }] });
  });

  it("creates at '$' on a stream with history: the history is not delivered", async () => {
    const { groups, add } = target();
    const stream = streamKey();
    await add(stream, { old: "1" });
    expect(await groups.consumerGroupCreate(stream, "g", "$")).toBe(true);
    expect((await groups.streamReadWithOptions(stream, ">", { group: { name: "g", consumer: "c" } }))[stream]).toEqual([]);
  });

  it("creates at '0' (the whole stream) and at an explicit id (entries after it)", async () => {
    const { groups, add } = target();
    const stream = streamKey();
    const ids = [await add(stream, { n: "1" }), await add(stream, { n: "2" }), await add(stream, { n: "3" })];
    expect(await groups.consumerGroupCreate(stream, "all", "0")).toBe(true);
    expect(await groups.consumerGroupCreate(stream, "after", ids[0] as string)).toBe(true);
    const all = await groups.streamReadWithOptions(stream, ">", { group: { name: "all", consumer: "c" } });
    expect(all[stream]?.map((entry) => entry.id)).toEqual(ids);
    const after = await groups.streamReadWithOptions(stream, ">", { group: { name: "after", consumer: "c" } });
    expect(after[stream]?.map((entry) => entry.fields["n"])).toEqual(["2", "3"]);
  });

  it("without mkStream, a missing stream is a COMMAND_FAILED and nothing is created", async () => {
    const { groups, raw, rawKey } = target();
    const stream = streamKey();
    const error = await rejection(groups.consumerGroupCreate(stream, "g", "$", { mkStream: false }));
    expect(isRedisError(error, "COMMAND_FAILED")).toBe(true);
    expect(error.replyCode).toBe("ERR");
    expect(await raw.exists(rawKey(stream))).toBe(0);
  });

  it("ifNotExists: true, then false; without it an existing group is BUSYGROUP", async () => {
    const { groups } = target();
    const stream = streamKey();
    expect(await groups.consumerGroupCreate(stream, "g", "$", { ifNotExists: true })).toBe(true);
    expect(await groups.consumerGroupCreate(stream, "g", "$", { ifNotExists: true })).toBe(false);
    expect(await groups.consumerGroupCreate(stream, "g", "0", { ifNotExists: true })).toBe(false);
    const error = await rejection(groups.consumerGroupCreate(stream, "g", "$"));
    expect(isRedisError(error, "COMMAND_FAILED")).toBe(true);
    expect(error.replyCode).toBe("BUSYGROUP");
    expect(error.operation).toBe("consumerGroupCreate");
    expect(error.key).toBe(stream);
  });

  it("rejects '*', '>', malformed ids and empty names before any I/O", async () => {
    const { connection } = target();
    const { connection: counting, sent } = countingConnection(connection);
    const groups = consumerGroups(counting);
    const stream = streamKey();
    for (const id of ["*", ">", "+", "-", "abc", "1-2-3", "", "-1", "1-", "99999999999999999999999-0"]) {
      const error = await rejection(groups.consumerGroupCreate(stream, "g", id));
      expect(isRedisError(error, "INVALID_ENTRY_ID")).toBe(true);
      expect(error.operation).toBe("consumerGroupCreate");
      expect(error.key).toBe(stream);
    }
    for (const id of ["*", ">", "nope"]) {
      expect(isRedisError(await rejection(groups.consumerGroupSetLastId(stream, "g", id)), "INVALID_ENTRY_ID")).toBe(true);
    }
    expect(isRedisError(await rejection(groups.consumerGroupCreate(stream, "g", 7 as unknown as string)), "INVALID_ENTRY_ID")).toBe(true);
    expect(isRedisError(await rejection(groups.consumerGroupCreate(stream, "", "$")), "INVALID_ARGUMENT")).toBe(true);
    expect(isRedisError(await rejection(groups.consumerGroupCreate("", "g", "$")), "INVALID_ARGUMENT")).toBe(true);
    expect(isRedisError(await rejection(groups.consumerGroupCreate(stream, "g", "$", { mkStream: "yes" as unknown as boolean })), "INVALID_ARGUMENT")).toBe(true);
    expect(isRedisError(await rejection(groups.consumerGroupCreate(stream, "g", "$", { ifExists: true } as never)), "INVALID_ARGUMENT")).toBe(true);
    expect(isRedisError(await rejection(groups.consumerGroupDestroy(stream, undefined as unknown as string)), "INVALID_ARGUMENT")).toBe(true);
    expect(isRedisError(await rejection(groups.consumerGroupDeleteConsumer(stream, "g", "")), "INVALID_ARGUMENT")).toBe(true);
    expect(isRedisError(await rejection(groups.consumerGroupInfo(stream, "")), "INVALID_ARGUMENT")).toBe(true);
    expect(sent).toEqual({ send: 0, sendBlocking: 0 });
  });

  it("destroys a group: true once, then false; a missing stream is false too", async () => {
    const { groups } = target();
    const stream = streamKey();
    await groups.consumerGroupCreate(stream, "g", "$");
    expect(await groups.consumerGroupDestroy(stream, "g")).toBe(true);
    expect(await groups.consumerGroupDestroy(stream, "g")).toBe(false);
    expect(await groups.consumerGroupInfo(stream, "g")).toBeNull();
    expect(await groups.consumerGroupDestroy(streamKey(), "g")).toBe(false);
    // the group can be created again
    expect(await groups.consumerGroupCreate(stream, "g", "$")).toBe(true);
  });

  it("deleting a consumer returns its pending count and drops its pending entries", async () => {
    const { groups, add } = target();
    const stream = streamKey();
    await groups.consumerGroupCreate(stream, "g", "$");
    for (let i = 0; i < 3; i++) await add(stream);
    await groups.streamReadWithOptions(stream, ">", { count: 3, group: { name: "g", consumer: "c1" } });
    await add(stream);
    await groups.streamReadWithOptions(stream, ">", { group: { name: "g", consumer: "c2" } });
    expect(await groups.consumerGroupDeleteConsumer(stream, "g", "c1")).toBe(3);
    expect(await groups.consumerGroupDeleteConsumer(stream, "g", "c1")).toBe(0);
    expect(await groups.consumerGroupDeleteConsumer(stream, "g", "never-seen")).toBe(0);
    const summary = await groups.consumerGroupPending(stream, "g");
    expect(summary.count).toBe(1);
    expect(summary.consumers).toEqual([{ name: "c2", pending: 1 }]);
    expect((await groups.consumerGroupInfo(stream, "g"))?.consumers).toBe(1);
  });

  it("sets the last delivered id: '0' replays the stream, an explicit id resumes after it, '$' skips to the end", async () => {
    const { groups, add } = target();
    const stream = streamKey();
    const ids = [await add(stream), await add(stream), await add(stream)];
    await groups.consumerGroupCreate(stream, "g", "$");
    const consumer = { name: "g", consumer: "c" };
    expect((await groups.streamReadWithOptions(stream, ">", { group: consumer }))[stream]).toEqual([]);
    await groups.consumerGroupSetLastId(stream, "g", "0");
    expect((await groups.streamReadWithOptions(stream, ">", { group: consumer }))[stream]?.map((e) => e.id)).toEqual(ids);
    await groups.consumerGroupSetLastId(stream, "g", ids[1] as string);
    expect((await groups.streamReadWithOptions(stream, ">", { group: consumer }))[stream]?.map((e) => e.id)).toEqual([ids[2]]);
    await groups.consumerGroupSetLastId(stream, "g", "$");
    await add(stream);
    expect((await groups.streamReadWithOptions(stream, ">", { group: consumer }))[stream]).toHaveLength(1);
    expect((await groups.consumerGroupInfo(stream, "g"))?.lastDeliveredId).not.toBe(ids[2]);
  });

  it("reports a group's consumers, pending count, last delivered id, entries read and lag", async () => {
    const { groups, add } = target();
    const stream = streamKey();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await add(stream, { i: String(i) }));
    await groups.consumerGroupCreate(stream, "g", "0");
    await groups.consumerGroupCreate(stream, "other", "$");
    expect(await groups.consumerGroupInfo(stream, "g")).toEqual({
      name: "g",
      consumers: 0,
      pending: 0,
      lastDeliveredId: "0-0",
      entriesRead: null,
      lag: 5,
    });
    await groups.streamReadWithOptions(stream, ">", { count: 2, group: { name: "g", consumer: "c1" } });
    await groups.streamReadWithOptions(stream, ">", { count: 1, group: { name: "g", consumer: "c2" } });
    expect(await groups.consumerGroupInfo(stream, "g")).toEqual({
      name: "g",
      consumers: 2,
      pending: 3,
      lastDeliveredId: ids[2],
      entriesRead: 3,
      lag: 2,
    });
    const other = await groups.consumerGroupInfo(stream, "other");
    expect(other).toMatchObject({ name: "other", consumers: 0, pending: 0, lastDeliveredId: ids[4], lag: 0 });
    expect(await groups.consumerGroupInfo(stream, "missing")).toBeNull();
    expect(await groups.consumerGroupInfo(streamKey(), "g")).toBeNull();
  });

  it("a missing group is COMMAND_FAILED with replyCode NOGROUP, naming operation and stream", async () => {
    const { groups, add } = target();
    const stream = streamKey();
    await add(stream);
    for (const [operation, call] of [
      ["consumerGroupSetLastId", () => groups.consumerGroupSetLastId(stream, "nope", "0")],
      ["consumerGroupDeleteConsumer", () => groups.consumerGroupDeleteConsumer(stream, "nope", "c")],
    ] as const) {
      const error = await rejection(call());
      expect(isRedisError(error, "COMMAND_FAILED")).toBe(true);
      expect(error.replyCode).toBe("NOGROUP");
      expect(error.operation).toBe(operation);
      expect(error.key).toBe(stream);
    }
  });

  it("a key holding a string is WRONG_TYPE", async () => {
    const { groups, raw, rawKey } = target();
    const key = randomKey("str");
    await raw.set(rawKey(key), "x");
    for (const call of [
      () => groups.consumerGroupCreate(key, "g", "$"),
      () => groups.consumerGroupInfo(key, "g"),
      () => groups.consumerGroupDestroy(key, "g"),
      () => groups.consumerGroupSetLastId(key, "g", "0"),
    ]) {
      const error = await rejection(call());
      expect(isRedisError(error, "WRONG_TYPE")).toBe(true);
      expect(error.key).toBe(key);
    }
  });
});
