import { RedisError, keySlot, type RedisConnection } from "@redis-interface/core";
import { randomId, randomKey } from "@redis-interface/testing";
import { kv } from "../src/index.js";
import { describeEachTarget, expectInvalid, redisCalls, rejection } from "./support/targets.js";

/** `connection` whose described commands named `name` fail with an injected `COMMAND_TIMEOUT`. */
function failing(connection: RedisConnection, name: string): RedisConnection {
  const send: RedisConnection["send"] = (operation, command) =>
    command.name === name ? Promise.reject(new RedisError("COMMAND_TIMEOUT", { operation, message: "injected" })) : connection.send(operation, command);
  return new Proxy(connection, {
    get: (target, property) => {
      if (property === "send") return send;
      const value: unknown = Reflect.get(target, property);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describeEachTarget("unlink", (target) => {
  it("unlinkKey removes a key: KeyDeleted, then KeyNotDeleted", async () => {
    const { store, raw, rawKey } = target();
    const key = randomKey("unlink");
    await store.setKey(key, "v");
    expect(await store.unlinkKey(key)).toBe("KeyDeleted");
    expect(await raw.exists(rawKey(key))).toBe(0);
    expect(await store.unlinkKey(key)).toBe("KeyNotDeleted");
  });

  it("unlinkMultipleKeys removes keys over many slots and counts the ones that existed", async () => {
    const { store, connection, cluster } = target();
    const keys = Array.from({ length: 40 }, () => randomKey("unlink"));
    await Promise.all(keys.filter((_, i) => i % 4 !== 0).map((key) => store.setKey(key, "v")));
    const slots = new Set(keys.map((key) => keySlot(connection.keys.key(key))));
    const calls = await redisCalls(target(), async () => expect(await store.unlinkMultipleKeys(keys)).toBe(30));
    expect(calls).toBe(cluster ? slots.size : 1);
    expect(await store.getMultipleKeys(keys)).toEqual(keys.map(() => null));
    expect(await store.unlinkMultipleKeys(keys)).toBe(0);
  });

  it("unlinkMultipleKeys([]) is 0 without I/O; bad keys are INVALID_ARGUMENT before any I/O", async () => {
    const t = target();
    expect(await redisCalls(t, async () => expect(await t.store.unlinkMultipleKeys([])).toBe(0))).toBe(0);
    await expectInvalid(t, () => t.store.unlinkMultipleKeys(["a", ""]), "unlinkMultipleKeys");
    await expectInvalid(t, () => t.store.unlinkMultipleKeys("a" as unknown as string[]), "unlinkMultipleKeys");
    await expectInvalid(t, () => t.store.unlinkKey(""), "unlinkKey");
  });
});

describeEachTarget("deleteKeysMatching", (target) => {
  it("clears a namespace of 3,000 keys over every master and returns how many it removed", async () => {
    const { store, raw, rawKey } = target();
    const base = randomKey("clear");
    const keys = Array.from({ length: 3000 }, (_, i) => `${base}:${i}`);
    const outside = [`${base}x:1`, `${base}`, `other:${base}:1`];
    await Promise.all([...keys, ...outside].map((key) => raw.set(rawKey(key), "v")));
    expect(await store.deleteKeysMatching(`${base}:*`)).toBe(3000);
    expect(await store.scan(`${base}:*`)).toEqual([]);
    expect(await Promise.all(outside.map((key) => raw.exists(rawKey(key))))).toEqual([1, 1, 1]);
    expect(await store.deleteKeysMatching(`${base}:*`)).toBe(0);
  });

  it("sends one SCAN per page with the given COUNT, and UNLINKs of the page's keys", async () => {
    const { store, connection, cluster } = target();
    const base = randomKey("count");
    await store.setMultipleKeysWithExpiry(
      Array.from({ length: 50 }, (_, i) => [`{${base}}:${i}`, "v"] as const),
      { seconds: 300 },
    );
    const sent: string[] = [];
    const counting = new Proxy(connection, {
      get(real, property, receiver) {
        if (property !== "send") return Reflect.get(real, property, receiver);
        return (...args: Parameters<typeof real.send>) => {
          sent.push(`${args[1].name} ${args[1].args.slice(1).join(" ")}`);
          return real.send(...args);
        };
      },
    });
    expect(await kv(counting).deleteKeysMatching(`{${base}}:*`, { count: 5 })).toBe(50);
    const unlinks = sent.filter((line) => line.startsWith("UNLINK"));
    expect(unlinks.length).toBeGreaterThan(1);
    // on a cluster the pages go to each master's client (execute), not through send
    if (!cluster) expect(sent.filter((line) => line.startsWith("SCAN")).every((line) => line.endsWith("COUNT 5"))).toBe(true);
  });

  it("a view with glob characters in its prefix deletes only its own keys: `n*` leaves `nX` and `n*x` alone", async () => {
    const { connection, raw } = target();
    const root = connection.withKeyPrefix(`ns_${randomId(8)}`);
    const glob = root.withKeyPrefix("n*");
    const sibling = root.withKeyPrefix("nX");
    const longer = root.withKeyPrefix("n*x");
    const tricky = root.withKeyPrefix("n[?]\\");
    const survivors = [sibling.keys.key("a"), sibling.keys.key("b"), longer.keys.key("c"), tricky.keys.key("d"), root.keys.key("n*")];
    await Promise.all([glob.keys.key("1"), glob.keys.key("2"), glob.keys.key("x:3"), ...survivors].map((name) => raw.set(name, "v")));
    expect(await kv(glob).deleteKeysMatching("*")).toBe(3);
    expect(await Promise.all(survivors.map((name) => raw.exists(name)))).toEqual(survivors.map(() => 1));
    expect(await kv(tricky).deleteKeysMatching("*")).toBe(1);
    expect(await kv(root).scan("*")).toHaveLength(4);
    expect(await kv(root).deleteKeysMatching("*")).toBe(4);
  });

  it("rejects a bad pattern, count or an unknown option with INVALID_ARGUMENT before any I/O", async () => {
    const t = target();
    const bad: Array<[string, object | undefined]> = [
      ["", undefined],
      [undefined as unknown as string, undefined],
      ["x:*", { count: 0 }],
      ["x:*", { count: 2.5 }],
      ["x:*", { count: "10" }],
      ["x:*", { type: "string" }],
      ["x:*", { cursor: "0" }],
      ["x:*", "count" as unknown as object],
    ];
    for (const [pattern, options] of bad) await expectInvalid(t, () => t.store.deleteKeysMatching(pattern, options as never), "deleteKeysMatching");
  });

  it("a failing UNLINK fails the call (never swallowed) once the commands already sent have settled", async () => {
    const { store, connection } = target();
    const base = randomKey("fail");
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.setKey(`${base}:${i}`, "v")));
    const error = await rejection(kv(failing(connection, "UNLINK")).deleteKeysMatching(`${base}:*`));
    expect(error).toMatchObject({ code: "COMMAND_TIMEOUT", operation: "deleteKeysMatching" });
    expect(await store.scan(`${base}:*`)).toHaveLength(20);
    expect(await store.deleteKeysMatching(`${base}:*`)).toBe(20);
  });
});
