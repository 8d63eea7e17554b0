import { tracingChannel } from "node:diagnostics_channel";
import type { Redis } from "ioredis";
import { COMMAND_TRACE_CHANNEL, RedisError, type RedisCommandTrace, type RedisConnection } from "@redis-interface/core";
import { masterNodes, randomKey } from "@redis-interface/testing";
import { kv } from "../src/index.js";
import { describeEachTarget, rejection } from "./support/targets.js";

const MANY = 2_500;

/** Consumes an async iterable into an array. */
async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of iterable) keys.push(key);
  return keys;
}

/** Pulls the first item of an async iterable (to surface its errors as a rejection). */
async function first(iterable: AsyncIterable<string>): Promise<string | undefined> {
  for await (const key of iterable) return key;
  return undefined;
}

/**
 * A connection that behaves like `connection` but counts the calls that reach Redis (`send` for
 * described pages, `execute` for a cluster's master pages) and can fail the nth one.
 */
function instrumented(connection: RedisConnection, failAt?: number): { connection: RedisConnection; calls: () => number } {
  let calls = 0;
  const injected = (operation: string): Promise<never> => Promise.reject(new RedisError("COMMAND_TIMEOUT", { operation, message: "injected" }));
  const execute: RedisConnection["execute"] = (operation, key, run) => (++calls === failAt ? injected(operation) : connection.execute(operation, key, run));
  const send: RedisConnection["send"] = (operation, command) => (++calls === failAt ? injected(operation) : connection.send(operation, command));
  const proxy = new Proxy(connection, {
    get: (target, property) => {
      if (property === "execute") return execute;
      if (property === "send") return send;
      const value: unknown = Reflect.get(target, property);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { connection: proxy, calls: () => calls };
}

describeEachTarget("scan", (target) => {
  /** The servers holding keys: the one server, or every cluster master. */
  function servers(): Redis[] {
    return masterNodes(target().raw);
  }

  /** Writes `names` through the raw client (as Redis names), in parallel. */
  async function writeRaw(names: readonly string[]): Promise<void> {
    const { raw } = target();
    await Promise.all(names.map((name) => raw.set(name, "v")));
  }

  describe("with 2,500 keys spread over the keyspace", () => {
    let base: string;
    let expected: string[];

    beforeAll(async () => {
      base = randomKey("scan");
      expected = Array.from({ length: MANY }, (_, i) => `${base}:${i}`);
      await writeRaw(expected.map((key) => target().rawKey(key)));
    });

    it("scan walks every page (COUNT 10) and returns each key once, without the view's prefix", async () => {
      const keys = await target().store.scan(`${base}:*`, { count: 10 });
      expect(keys).toHaveLength(MANY);
      expect(new Set(keys).size).toBe(MANY);
      expect([...keys].sort()).toEqual([...expected].sort());
    });

    it("sends one command per SCAN page", async () => {
      const { connection, calls } = instrumented(target().connection);
      const keys = await kv(connection).scan(`${base}:*`, { count: 10 });
      expect(keys).toHaveLength(MANY);
      // 2,500 keys at ~10 per page: far more than one page per server
      expect(calls()).toBeGreaterThan(MANY / 100);
    });

    it("publishes every page's SCAN on the tracing channel, on a cluster's masters too", async () => {
      const finished: RedisCommandTrace[] = [];
      const ignore = (): void => undefined;
      const subscribers = { start: ignore, end: ignore, asyncStart: ignore, error: ignore, asyncEnd: (trace: RedisCommandTrace) => void finished.push(trace) };
      const channel = tracingChannel<unknown, RedisCommandTrace>(COMMAND_TRACE_CHANNEL);
      channel.subscribe(subscribers);
      let keys: string[];
      try {
        keys = await target().store.scan(`${base}:*`, { count: 500 });
      } finally {
        channel.unsubscribe(subscribers);
      }
      expect(keys).toHaveLength(MANY);
      const pages = finished.filter((trace) => trace.commands.length > 0);
      expect(pages.length).toBeGreaterThanOrEqual(servers().length * Math.floor(MANY / 500 / servers().length));
      expect(new Set(pages.map((trace) => `${trace.operation}:${trace.commands.join(" ")}:${trace.keyCount}`))).toEqual(new Set(["scan:SCAN:0"]));
      // on a cluster, one call lists the masters and sends nothing
      expect(finished.length - pages.length).toBe(target().cluster ? 1 : 0);
    });

    it("scanIterator yields every key once, page by page", async () => {
      const keys = await collect(target().store.scanIterator(`${base}:*`, { count: 10 }));
      expect(keys).toHaveLength(MANY);
      expect(new Set(keys)).toEqual(new Set(expected));
    });

    it("scanIterator fetches lazily: stopping early sends only the pages consumed", async () => {
      const { connection, calls } = instrumented(target().connection);
      const iterator = kv(connection).scanIterator(`${base}:*`, { count: 10 });
      const seen: string[] = [];
      for await (const key of iterator) {
        seen.push(key);
        if (seen.length === 5) break;
      }
      expect(seen).toHaveLength(5);
      for (const key of seen) expect(expected).toContain(key);
      expect(calls()).toBeLessThan(MANY / 100);
    });

    it("the keys live on every server (each cluster master) and are all found", async () => {
      const { rawKey } = target();
      const match = rawKey(`${base}:*`).replace(/[?[\]\\]/g, "\\$&");
      const perServer = await Promise.all(
        servers().map(async (server) => {
          let cursor = "0";
          let count = 0;
          do {
            const [next, page] = await server.scan(cursor, "MATCH", match, "COUNT", 1000);
            cursor = next;
            count += page.length;
          } while (cursor !== "0");
          return count;
        }),
      );
      if (target().cluster) expect(perServer.length).toBeGreaterThanOrEqual(3);
      for (const count of perServer) expect(count).toBeGreaterThan(0);
      expect(perServer.reduce((a, b) => a + b, 0)).toBe(MANY);
      await expect(target().store.scan(`${base}:*`)).resolves.toHaveLength(MANY);
    });

    it("matches the pattern only (a narrower glob)", async () => {
      const keys = await target().store.scan(`${base}:1?`);
      expect(keys.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `${base}:1${i}`).sort());
    });
  });

  it("a view sees only its own keys: not unprefixed keys, not other prefixes", async () => {
    const { store, connection, rawKey } = target();
    const base = randomKey("scan");
    const mine = [`${base}:a`, `${base}:b`, `${base}:c`];
    await writeRaw(mine.map((key) => rawKey(key)));
    const unprefixed = `${base}:unprefixed`;
    await writeRaw([unprefixed, `other_prefix:${base}:x`, rawKey(`sibling:${base}:y`)]);
    const keys = await store.scan(`${base}:*`);
    // Through a plain pool, an unprefixed key is one of its own; through a view it never is.
    const isView = rawKey("k") !== "k";
    expect(keys.sort()).toEqual((isView ? mine : [...mine, unprefixed]).sort());
    await expect(collect(kv(connection).scanIterator(`${base}:*`))).resolves.toHaveLength(keys.length);
  });

  it("escapes glob characters of the view's prefix", async () => {
    const { connection, rawKey } = target();
    const base = randomKey("scan");
    const globView = connection.withKeyPrefix("g*");
    await writeRaw([globView.keys.key(`${base}:1`), rawKey(`gX:${base}:2`), rawKey(`g*x:${base}:3`)]);
    await expect(kv(globView).scan(`${base}:*`)).resolves.toEqual([`${base}:1`]);
  });

  it("filters by TYPE", async () => {
    const { store, raw, rawKey } = target();
    const base = randomKey("scan");
    await raw.set(rawKey(`${base}:string`), "v");
    await raw.hset(rawKey(`${base}:hash`), "f", "v");
    await raw.rpush(rawKey(`${base}:list`), "v");
    await raw.sadd(rawKey(`${base}:set`), "v");
    await raw.zadd(rawKey(`${base}:zset`), 1, "v");
    await raw.xadd(rawKey(`${base}:stream`), "*", "f", "v");
    for (const type of ["string", "hash", "list", "set", "zset", "stream"] as const) {
      await expect(store.scan(`${base}:*`, { type, count: 1000 })).resolves.toEqual([`${base}:${type}`]);
      await expect(collect(store.scanIterator(`${base}:*`, { type, count: 1000 }))).resolves.toEqual([`${base}:${type}`]);
    }
    await expect(store.scan(`${base}:*`, { count: 1000 })).resolves.toHaveLength(6);
  });

  it("returns [] when nothing matches", async () => {
    await expect(target().store.scan(`${randomKey("scan")}:*`)).resolves.toEqual([]);
    await expect(collect(target().store.scanIterator(`${randomKey("scan")}:*`))).resolves.toEqual([]);
  });

  it("rejects a bad pattern, count or type with INVALID_ARGUMENT before any I/O", async () => {
    const { connection, calls } = instrumented(target().connection);
    const store = kv(connection);
    const bad: Array<[string, object | undefined]> = [
      ["", undefined],
      [undefined as unknown as string, undefined],
      ["x:*", { count: 0 }],
      ["x:*", { count: -5 }],
      ["x:*", { count: 2.5 }],
      ["x:*", { count: "10" }],
      ["x:*", { type: "bogus" }],
      ["x:*", { type: "STRING" }],
      ["x:*", null as unknown as object],
    ];
    for (const [pattern, options] of bad) {
      const scanError = await rejection(store.scan(pattern, options));
      expect(scanError).toMatchObject({ name: "RedisError", code: "INVALID_ARGUMENT", operation: "scan", key: undefined });
      const iteratorError = await rejection(first(store.scanIterator(pattern, options)));
      expect(iteratorError).toMatchObject({ name: "RedisError", code: "INVALID_ARGUMENT", operation: "scanIterator", key: undefined });
    }
    expect(calls()).toBe(0);
  });

  describe("errors on a later page are never swallowed", () => {
    let base: string;
    beforeAll(async () => {
      base = randomKey("scan");
      await writeRaw(Array.from({ length: 200 }, (_, i) => target().rawKey(`${base}:${i}`)));
    });

    it("scan rejects with the failing page's error", async () => {
      const { connection } = instrumented(target().connection, 3);
      const error = await rejection(kv(connection).scan(`${base}:*`, { count: 10 }));
      expect(error).toMatchObject({ code: "COMMAND_TIMEOUT", operation: "scan" });
    });

    it("scanIterator throws the failing page's error after yielding the earlier pages", async () => {
      const { connection } = instrumented(target().connection, 3);
      const seen: string[] = [];
      const error = await rejection(
        (async () => {
          for await (const key of kv(connection).scanIterator(`${base}:*`, { count: 10 })) seen.push(key);
        })(),
      );
      expect(error).toMatchObject({ code: "COMMAND_TIMEOUT", operation: "scanIterator" });
      expect(seen.length).toBeLessThan(200);
    });
  });
});
