import { RedisConnectionPool, type RedisConnection } from "@redis-interface/core";
import { sharedRedisFromEnv, unknownOptionProblem } from "@redis-interface/testing";
import { pubsub, type PubSub } from "../src/index.js";

// Issue #17 item 8: pubsub's options reject an unknown name with INVALID_ARGUMENT naming it,
// before any I/O (the pool is closed: I/O would fail CLOSED).
let closed: RedisConnectionPool;

beforeAll(async () => {
  closed = await RedisConnectionPool.connect({ port: sharedRedisFromEnv().port, poolSize: 1 });
  await closed.close();
});

const calls: Array<[string, string, (connection: RedisConnection) => unknown]> = [
  ["pubsub", "shareded", (connection) => pubsub(connection, { shareded: true } as never)],
  ["pubsub", "globalChannel", (connection) => pubsub(connection, { globalChannel: ["hyperswitch_invalidate"] } as never)],
  ["pubsub", "codecs", (connection) => pubsub(connection, { codecs: "serde" } as never)],
  ["pubsub", "maxBuffered", (connection) => pubsub(connection, { sharded: false, maxBuffered: 10 } as never)],
];

describe.each([
  ["a closed pool", () => closed as RedisConnection],
  ["a prefixed view of a closed pool", () => closed.withKeyPrefix("app")],
])("unknown option names on %s", (_label, connectionOf) => {
  it.each(calls)("%s rejects %p with INVALID_ARGUMENT naming it", async (_name, option, call) => {
    const close = (value: unknown): unknown => (value as Partial<PubSub> | undefined)?.close?.();
    expect(await unknownOptionProblem(() => call(connectionOf()), option, close)).toBeUndefined();
  });
});
