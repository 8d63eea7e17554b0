import { isRedisError, keySlot } from "@redis-interface/core";
import { randomKey } from "@redis-interface/testing";
import { kv } from "../src/index.js";
import { describeEachTarget, rejection } from "./support/targets.js";

describeEachTarget("multi-key calls", (target) => {
  it("getMultipleKeys returns values in the caller's order with null for missing keys", async () => {
    const { store } = target();
    const keys = Array.from({ length: 30 }, () => randomKey("mk"));
    await Promise.all(keys.map((key, i) => (i % 3 === 1 ? Promise.resolve() : store.setKey(key, `v${i}`))));
    expect(await store.getMultipleKeys(keys)).toEqual(keys.map((_, i) => (i % 3 === 1 ? null : `v${i}`)));
    expect(await store.getMultipleKeys([])).toEqual([]);
  });

  it("sends one MGET per slot group on a cluster, one MGET in all on a standalone server", async () => {
    const { connection, cluster } = target();
    const keys = Array.from({ length: 40 }, () => randomKey("count"));
    const slots = new Set(keys.map((key) => keySlot(connection.keys.key(key))));
    const sent: string[][] = [];
    const counting = new Proxy(connection, {
      get(real, property, receiver) {
        if (property !== "send") return Reflect.get(real, property, receiver);
        return (...args: Parameters<typeof real.send>) => {
          sent.push(args[1].args as string[]);
          return real.send(...args);
        };
      },
    });
    expect(await kv(counting).getMultipleKeys(keys)).toEqual(keys.map(() => null));
    expect(slots.size).toBeGreaterThan(cluster ? 30 : 0);
    expect(sent).toHaveLength(cluster ? slots.size : 1);
    // the commands carry the caller's names (core prefixes them), every key exactly once
    expect(sent.flat().sort()).toEqual([...keys].sort());
  });

  it("deleteMultipleKeys gives a reply per key, in order", async () => {
    const { store } = target();
    const keys = Array.from({ length: 12 }, () => randomKey("dm"));
    await Promise.all(keys.filter((_, i) => i % 2 === 0).map((key) => store.setKey(key, "x")));
    expect(await store.deleteMultipleKeys(keys)).toEqual(keys.map((_, i) => (i % 2 === 0 ? "KeyDeleted" : "KeyNotDeleted")));
    expect(await store.getMultipleKeys(keys)).toEqual(keys.map(() => null));
    expect(await store.deleteMultipleKeys([])).toEqual([]);
  });

  it("setMultipleKeysIfNotExist is all-or-nothing within one slot, and prefixes its keys", async () => {
    const { store, raw, rawKey } = target();
    const tag = randomKey("tag");
    const [a, b] = [`{${tag}}:a`, `{${tag}}:b`];
    expect(await store.setMultipleKeysIfNotExist({ [a]: "1", [b]: 2 })).toBe("KeysSet");
    expect(await raw.get(rawKey(a))).toBe("1");
    expect(await store.getTtl(a)).toBe(-1);
    expect(await store.setMultipleKeysIfNotExist({ [a]: "x", [`{${tag}}:c`]: "y" })).toBe("KeysNotSet");
    expect(await store.exists(`{${tag}}:c`)).toBe(false);
  });

  it("setMultipleKeysIfNotExist across slots: all set, none set, or a CROSS_SLOT error saying which were set", async () => {
    const { store, cluster } = target();
    const keys = Array.from({ length: 6 }, () => randomKey("xs"));
    expect(await store.setMultipleKeysIfNotExist(Object.fromEntries(keys.map((key) => [key, "v"])))).toBe("KeysSet");
    expect(await store.setMultipleKeysIfNotExist(Object.fromEntries(keys.map((key) => [key, "w"])))).toBe("KeysNotSet");
    const fresh = randomKey("xs");
    const mixed = { [keys[0] as string]: "z", [fresh]: "z" };
    if (cluster) {
      const error = await rejection(store.setMultipleKeysIfNotExist(mixed));
      expect(isRedisError(error, "CROSS_SLOT")).toBe(true);
      expect(error.message).toContain(fresh);
      expect(await store.getKey(fresh)).toBe("z");
    } else {
      expect(await store.setMultipleKeysIfNotExist(mixed)).toBe("KeysNotSet");
      expect(await store.exists(fresh)).toBe(false);
    }
  });

  it("rejects empty or bad key lists", async () => {
    const { store } = target();
    expect(isRedisError(await rejection(store.setMultipleKeysIfNotExist({})), "INVALID_ARGUMENT")).toBe(true);
    expect(isRedisError(await rejection(store.getMultipleKeys(["a", ""])), "INVALID_ARGUMENT")).toBe(true);
    expect(isRedisError(await rejection(store.deleteMultipleKeys("abc" as unknown as string[])), "INVALID_ARGUMENT")).toBe(true);
    expect(isRedisError(await rejection(store.setMultipleKeysIfNotExist({ k: { nested: true } as never })), "INVALID_ARGUMENT")).toBe(true);
  });

  it("a multi-key read over a wrong-type key returns null for it (MGET semantics)", async () => {
    const { store, raw, rawKey } = target();
    const [list, plain] = [randomKey("l"), randomKey("p")];
    await raw.rpush(rawKey(list), "x");
    await store.setKey(plain, "v");
    expect(await store.getMultipleKeys([list, plain])).toEqual([null, "v"]);
  });
});
