import { RedisConnectionPool, type RedisConnection } from "@redis-interface/core";
import { sharedRedisFromEnv, unknownOptionProblem } from "@redis-interface/testing";
import { streams } from "../src/index.js";

// Issue #17 item 8: every function taking an options object rejects an unknown option name with
// INVALID_ARGUMENT naming it, before any I/O (the pool is closed: I/O would fail CLOSED).
let closed: RedisConnectionPool;

beforeAll(async () => {
  closed = await RedisConnectionPool.connect({ port: sharedRedisFromEnv().port, poolSize: 1 });
  await closed.close();
});

const calls: Array<[string, string, (connection: RedisConnection) => unknown]> = [
  ["streamAppendEntry", "maxlen", (connection) => streams(connection).streamAppendEntry("s", "*", { f: "v" }, { maxlen: 5 } as never)],
  ["streamReadWithOptions", "blok", (connection) => streams(connection).streamReadWithOptions("s", "0", { count: 1, blok: 10 } as never)],
  ["streamTrimEntries", "exactly", (connection) => streams(connection).streamTrimEntries("s", { kind: "MAXLEN", threshold: 5, exactly: true } as never)],
];

describe.each([
  ["a closed pool", () => closed as RedisConnection],
  ["a prefixed view of a closed pool", () => closed.withKeyPrefix("app")],
])("unknown option names on %s", (_label, connectionOf) => {
  it.each(calls)("%s rejects %p with INVALID_ARGUMENT naming it", async (_name, option, call) => {
    expect(await unknownOptionProblem(() => call(connectionOf()), option)).toBeUndefined();
  });
});
