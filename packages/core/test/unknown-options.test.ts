import { startRedis, unknownOptionProblem, type RedisServerHandle } from "@redis-interface/testing";
import { RedisConnectionPool, type RedisConnection } from "../src/index.js";

// Issue #17 item 8: the connection's methods that take an options object reject an unknown
// option name with INVALID_ARGUMENT naming it, before any I/O (the pool is closed: I/O would fail CLOSED).
let server: RedisServerHandle;
let closed: RedisConnectionPool;

beforeAll(async () => {
  server = await startRedis();
  closed = await RedisConnectionPool.connect({ port: server.port, poolSize: 1 });
  await closed.close();
});

afterAll(async () => {
  await server?.stop();
});

const xread = { name: "XREAD", args: ["BLOCK", "10", "STREAMS", "s", "$"], keys: [3] };
const calls: Array<[string, string, (connection: RedisConnection) => unknown]> = [
  ["withKeyPrefix", "hashtag", (connection) => connection.withKeyPrefix("p", { hashtag: true } as never)],
  ["sendBlocking", "timeout", (connection) => connection.sendBlocking("read", xread, { timeout: 100 } as never)],
  ["executeBlocking", "timeout", (connection) => connection.executeBlocking("read", "s", { timeout: 100 } as never, async () => undefined)],
  ["createDedicatedConnection", "reconect", (connection) => connection.createDedicatedConnection("subscribe", { reconect: false } as never)],
  ["sendBlocking", "signl", (connection) => connection.sendBlocking("read", xread, { timeoutMs: 100, signl: undefined } as never)],
];

describe.each([
  ["a closed pool", () => closed as RedisConnection],
  ["a prefixed view of a closed pool", () => closed.withKeyPrefix("app")],
])("unknown option names on %s", (_label, connectionOf) => {
  it.each(calls)("%s rejects %p with INVALID_ARGUMENT naming it", async (_name, option, call) => {
    expect(await unknownOptionProblem(() => call(connectionOf()), option)).toBeUndefined();
  });
});
