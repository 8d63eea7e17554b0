import { RedisConnectionPool, type RedisConnection } from "@redis-interface/core";
import { sharedRedisFromEnv, unknownOptionProblem } from "@redis-interface/testing";
import { consumerGroups, createConsumer, type Consumer } from "../src/index.js";

// Issue #17 item 8: every function taking an options object rejects an unknown option name with
// INVALID_ARGUMENT naming it, before any I/O (the pool is closed: I/O would fail CLOSED).
let closed: RedisConnectionPool;

beforeAll(async () => {
  closed = await RedisConnectionPool.connect({ port: sharedRedisFromEnv().port, poolSize: 1 });
  await closed.close();
});

const consumerOptions = { stream: "s", group: "g", consumer: "c", handler: () => undefined };

const calls: Array<[string, string, (connection: RedisConnection) => unknown]> = [
  ["consumerGroupCreate", "ifNotExist", (connection) => consumerGroups(connection).consumerGroupCreate("s", "g", "$", { ifNotExist: true } as never)],
  ["consumerGroupAutoClaim", "cout", (connection) => consumerGroups(connection).consumerGroupAutoClaim("s", "g", "c", 10, { cout: 5 } as never)],
  ["consumerGroupPending", "consumr", (connection) => consumerGroups(connection).consumerGroupPending("s", "g", { count: 5, consumr: "c" } as never)],
  ["streamReadWithOptions", "blok", (connection) => consumerGroups(connection).streamReadWithOptions("s", ">", { group: { name: "g", consumer: "c" }, blok: 10 } as never)],
  ["streamReadWithOptions group", "noack", (connection) => consumerGroups(connection).streamReadWithOptions("s", ">", { group: { name: "g", consumer: "c", noack: true } } as never)],
  ["createConsumer", "concurency", (connection) => createConsumer(connection, { ...consumerOptions, concurency: 5 } as never)],
  ["Consumer.stop", "timeout", (connection) => createConsumer(connection, consumerOptions).stop({ timeout: 5 } as never)],
];

describe.each([
  ["a closed pool", () => closed as RedisConnection],
  ["a prefixed view of a closed pool", () => closed.withKeyPrefix("app")],
])("unknown option names on %s", (_label, connectionOf) => {
  it.each(calls)("%s rejects %p with INVALID_ARGUMENT naming it", async (_name, option, call) => {
    const stop = (value: unknown): unknown => (value as Partial<Consumer> | undefined)?.stop?.();
    expect(await unknownOptionProblem(() => call(connectionOf()), option, stop)).toBeUndefined();
  });
});
