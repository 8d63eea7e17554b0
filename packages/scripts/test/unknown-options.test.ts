import { RedisConnectionPool, type RedisConnection } from "@redis-interface/core";
import { sharedRedisFromEnv, unknownOptionProblem } from "@redis-interface/testing";
import { scripts } from "../src/index.js";

// Issue #17 item 8: every function taking an options object rejects an unknown option name with
// INVALID_ARGUMENT naming it, before any I/O (the pool is closed: I/O would fail CLOSED).
let closed: RedisConnectionPool;

beforeAll(async () => {
  closed = await RedisConnectionPool.connect({ port: sharedRedisFromEnv().port, poolSize: 1 });
  await closed.close();
});

const calls: Array<[string, string, (connection: RedisConnection) => unknown]> = [
  ["evaluateRedisScript", "decoder", (connection) => scripts(connection).evaluateRedisScript("return 1", [], [], { decoder: "json" } as never)],
  ["defineScript", "numKeys", (connection) => scripts(connection).defineScript({ script: "return 1", numberOfKeys: 0, numKeys: 0 } as never)],
  ["acquireLock", "wait", (connection) => scripts(connection).acquireLock("k", { ttlMs: 1_000, wait: 10 } as never)],
  ["rateLimit", "burst", (connection) => scripts(connection).rateLimit("k", { limit: 1, windowMs: 1_000, burst: 2 } as never)],
];

describe.each([
  ["a closed pool", () => closed as RedisConnection],
  ["a prefixed view of a closed pool", () => closed.withKeyPrefix("app")],
])("unknown option names on %s", (_label, connectionOf) => {
  it.each(calls)("%s rejects %p with INVALID_ARGUMENT naming it", async (_name, option, call) => {
    expect(await unknownOptionProblem(() => call(connectionOf()), option)).toBeUndefined();
  });
});
