import { RedisConnectionPool, type RedisConnection } from "@redis-interface/core";
import { sharedRedisFromEnv, unknownOptionProblem } from "@redis-interface/testing";
import { kv } from "../src/index.js";

// Issue #17 item 8: every function taking an options object rejects an unknown option name with
// INVALID_ARGUMENT naming it, before any I/O (the pool is closed: I/O would fail CLOSED).
let closed: RedisConnectionPool;

beforeAll(async () => {
  closed = await RedisConnectionPool.connect({ port: sharedRedisFromEnv().port, poolSize: 1 });
  await closed.close();
});

const calls: Array<[string, string, (connection: RedisConnection) => unknown]> = [
  ["kv", "codecs", (connection) => kv(connection, { codecs: "serde" } as never)],
  ["scan", "typ", (connection) => kv(connection).scan("k*", { typ: "string" } as never)],
  ["scanIterator", "typ", (connection) => kv(connection).scanIterator("k*", { count: 10, typ: "string" } as never).next()],
  ["deleteKeysMatching", "cont", (connection) => kv(connection).deleteKeysMatching("k*", { cont: 10 } as never)],
  ["setMultipleKeysWithExpiry expiry", "secs", (connection) => kv(connection).setMultipleKeysWithExpiry({ k: "v" }, { secs: 1 } as never)],
  ["serializeAndSetMultipleKeysWithExpiry expiry", "msec", (connection) => kv(connection).serializeAndSetMultipleKeysWithExpiry({ k: 1 }, { ms: 1, msec: 1 } as never)],
  ["zrangeByScore limit", "limt", (connection) => kv(connection).zrangeByScore("k", 0, 1, { offset: 0, count: 1, limt: 2 } as never)],
];

describe.each([
  ["a closed pool", () => closed as RedisConnection],
  ["a prefixed view of a closed pool", () => closed.withKeyPrefix("app")],
])("unknown option names on %s", (_label, connectionOf) => {
  it.each(calls)("%s rejects %p with INVALID_ARGUMENT naming it", async (_name, option, call) => {
    expect(await unknownOptionProblem(() => call(connectionOf()), option)).toBeUndefined();
  });
});
