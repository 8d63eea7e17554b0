import { RedisConnectionPool } from "@redis-interface/core";
import { sharedRedisFromEnv, unknownOptionProblem } from "@redis-interface/testing";
import { forTenant, tenantAclRules } from "../src/index.js";

// Issue #17 item 8: every function taking an options object rejects an unknown option name with
// INVALID_ARGUMENT naming it, before any I/O (the pool is closed: I/O would fail CLOSED).
let closed: RedisConnectionPool;

beforeAll(async () => {
  closed = await RedisConnectionPool.connect({ port: sharedRedisFromEnv().port, poolSize: 1 });
  await closed.close();
});

const calls: Array<[string, string, () => unknown]> = [
  ["forTenant", "fallback", () => forTenant(closed, "acme", { fallback: true } as never)],
  ["forTenant of a view", "hashtag", () => forTenant(closed.withKeyPrefix("app"), "acme", { hashtag: true } as never)],
  ["tenantAclRules", "prefix", () => tenantAclRules("acme", { hashTag: false, prefix: "app" } as never)],
];

it.each(calls)("%s rejects %p with INVALID_ARGUMENT naming it", async (_name, option, call) => {
  expect(await unknownOptionProblem(call, option)).toBeUndefined();
});
