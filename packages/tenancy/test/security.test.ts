import { tracingChannel } from "node:diagnostics_channel";
import { COMMAND_TRACE_CHANNEL, RedisConnectionPool, isRedisError, type RedisConnection } from "@redis-interface/core";
import { consumerGroups, createConsumer, type Consumer } from "@redis-interface/consumer-groups";
import { kv } from "@redis-interface/kv";
import { pubsub, type PubSub } from "@redis-interface/pubsub";
import { scripts } from "@redis-interface/scripts";
import { streams } from "@redis-interface/streams";
import {
  leakedSecrets,
  printedErrorForms,
  printedForms,
  randomKey,
  rejection,
  startRedis,
  waitFor,
  type RedisServerHandle,
} from "@redis-interface/testing";
import { forTenant } from "../src/index.js";

// Issue #17 items 2 and 3: every object the packages hand out (bound operations, a bus with an
// active subscription, a running consumer, tenant and prefix views, held locks, defined scripts)
// prints no password or ACL secret, and no trace event carries one or a stored value.
const PASSWORD = "pkg-sec17-do-not-print-4e21";
const ACL_USER = "pkg-sec17-user";
const ACL_SECRET = "pkg-acl-sec17-do-not-print-8d0f";
const CARD = "4111111111111111";
const SECRETS = [PASSWORD, ACL_SECRET, CARD];

let server: RedisServerHandle;
let pool: RedisConnectionPool;
let aclPool: RedisConnectionPool;
const cleanups: Array<() => Promise<unknown>> = [];

const traceEvents: unknown[] = [];
const record = (event: unknown): void => {
  traceEvents.push(event);
};
const subscribers = { start: record, end: record, asyncStart: record, asyncEnd: record, error: record };

beforeAll(async () => {
  server = await startRedis({ args: ["--save", "", "--appendonly", "no", "--requirepass", PASSWORD] });
  pool = await RedisConnectionPool.connect({ host: server.host, port: server.port, password: PASSWORD, poolSize: 2 });
  await pool.send("setup", { name: "ACL", args: ["SETUSER", ACL_USER, "on", `>${ACL_SECRET}`, "~*", "&*", "+@all"], keys: [] });
  aclPool = await RedisConnectionPool.connect({ host: server.host, port: server.port, username: ACL_USER, password: ACL_SECRET, poolSize: 1 });
  tracingChannel(COMMAND_TRACE_CHANNEL).subscribe(subscribers);
}, 60_000);

afterAll(async () => {
  tracingChannel(COMMAND_TRACE_CHANNEL).unsubscribe(subscribers);
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await aclPool?.close();
  await pool?.close();
  await server?.stop();
});

function expectNoSecret(label: string, forms: readonly string[]): void {
  expect(leaksOf(label, forms)).toEqual([]);
}

function leaksOf(label: string, forms: readonly string[]): string[] {
  return leakedSecrets(forms, SECRETS).map((leak) => `${label}: ${leak.slice(0, 120)}`);
}

/** A bus with one active subscription (its dedicated subscriber connection is open). */
async function activeBus(connection: RedisConnection): Promise<PubSub> {
  const bus = pubsub(connection);
  cleanups.push(() => bus.close());
  await bus.subscribe(randomKey("sec17-channel"), () => undefined);
  return bus;
}

/** A started consumer with a blocking read in flight (its dedicated blocking connection is leased). */
async function runningConsumer(connection: RedisConnection): Promise<Consumer> {
  const consumer = createConsumer(connection, {
    stream: randomKey("sec17-stream"),
    group: "g",
    consumer: "c",
    handler: () => undefined,
    blockMs: 5_000,
    claimIdleMs: 60_000,
  });
  cleanups.push(() => consumer.stop({ timeoutMs: 5_000 }));
  await consumer.start();
  await waitFor(() => consumer.stats().running, { timeoutMs: 30_000, description: "consumer running" });
  return consumer;
}

describe.each([
  ["a pool with a password", () => pool],
  ["a pool with an ACL user", () => aclPool],
])("security: package objects on %s never print a secret", (_label, poolOf) => {
  it("kv, streams, consumerGroups, scripts, a bus with an active subscription and a running consumer, on the pool, tenant and prefix views", async () => {
    const base = poolOf();
    const connections: Array<[string, RedisConnection]> = [
      ["pool", base],
      ["forTenant", forTenant(base, "acme")],
      ["forTenant with fallback and hash tag", forTenant(base, "globex", { fallbackToUnprefixed: { prefixes: ["legacy_"] }, hashTag: true })],
      ["withKeyPrefix", base.withKeyPrefix("app")],
      ["forTenant of withKeyPrefix", forTenant(base.withKeyPrefix("app"), "acme")],
    ];
    const leaks: string[] = [];
    for (const [name, connection] of connections) {
      const tools = scripts(connection);
      const lockKey = randomKey("sec17-lock");
      const lock = await tools.acquireLock(lockKey, { ttlMs: 30_000 });
      const bus = await activeBus(connection);
      const consumer = await runningConsumer(connection);
      const objects: Record<string, unknown> = {
        connection,
        kv: kv(connection),
        streams: streams(connection),
        consumerGroups: consumerGroups(connection),
        scripts: tools,
        definedScript: tools.defineScript({ name: "sec17", script: "return 1", numberOfKeys: 0 }),
        lock,
        bus,
        messages: bus.messages(randomKey("sec17-iterated")),
        consumer,
      };
      for (const [objectName, object] of Object.entries(objects)) leaks.push(...leaksOf(`${name}: ${objectName}`, printedForms(object)));
      leaks.push(...leaksOf(`${name}: everything at once`, printedForms(objects)));
    }
    expect(leaks).toEqual([]);
  }, 120_000);
});

describe("security: trace events of a failed login, a failed command with a stored value and a publish", () => {
  it("carry no password, ACL secret or card number", async () => {
    traceEvents.length = 0;
    const login = await rejection(
      RedisConnectionPool.connect({ host: server.host, port: server.port, username: "typo-user", password: ACL_SECRET, poolSize: 1, connectTimeoutMs: 2_000 }),
    );
    expect(isRedisError(login)).toBe(true);
    expectNoSecret("failed login error", printedErrorForms(login));

    const tenant = kv(forTenant(pool, "acme"));
    const key = randomKey("sec17-card");
    await tenant.setKey(key, "plain");
    const failed = await rejection(tenant.setHashFields(key, { cardNumber: CARD }));
    expect(isRedisError(failed, "WRONG_TYPE")).toBe(true);
    expectNoSecret("failed setHashFields error", printedErrorForms(failed));

    const bus = pubsub(forTenant(pool, "acme"));
    cleanups.push(() => bus.close());
    const received: unknown[] = [];
    const channel = randomKey("sec17-pay");
    await bus.subscribe(channel, (message) => {
      received.push(message);
    });
    await bus.publish(channel, { cardNumber: CARD });
    await waitFor(() => received.length === 1, { timeoutMs: 30_000, description: "the published message" });

    const operations = new Set(traceEvents.map((event) => (event as { operation?: string }).operation));
    expect([...operations]).toEqual(expect.arrayContaining(["setHashFields", "publish"]));
    for (const event of traceEvents) expectNoSecret("trace event", printedForms(event));
  }, 60_000);
});
