import { tracingChannel } from "node:diagnostics_channel";
import { format, inspect } from "node:util";
import { randomKey, type RedisServerHandle, rejection, startRedis } from "@redis-interface/testing";
import {
  COMMAND_TRACE_CHANNEL,
  FIRST_KEY,
  RedisConnectionPool,
  bindOperations,
  isRedisError,
  redisSettingsFromEnv,
  redisSettingsFromUrl,
  type RedisConnection,
} from "../src/index.js";

// Issue #17 items 2, 3 and 8: no password, ACL secret or stored value in any error (cause chain
// included) or tracing event; factories reject what is not a pool or a view.
const PASSWORD = "pw-sec17-do-not-print-91c2";
const ACL_USER = "sec17-user";
const ACL_SECRET = "acl-sec17-do-not-print-5e8b";
const CARD = "4111111111111111";
const SECRETS = [PASSWORD, ACL_SECRET, CARD];

let server: RedisServerHandle;
let pool: RedisConnectionPool;
const traceEvents: unknown[] = [];
const record = (event: unknown): void => {
  traceEvents.push(event);
};
const subscribers = { start: record, end: record, asyncStart: record, asyncEnd: record, error: record };

beforeAll(async () => {
  server = await startRedis({ args: ["--save", "", "--appendonly", "no", "--requirepass", PASSWORD] });
  pool = await RedisConnectionPool.connect({ host: server.host, port: server.port, password: PASSWORD, poolSize: 2 });
  await pool.send("setup", { name: "ACL", args: ["SETUSER", ACL_USER, "on", `>${ACL_SECRET}`, "~*", "+@all"], keys: [] });
  tracingChannel(COMMAND_TRACE_CHANNEL).subscribe(subscribers);
});

afterAll(async () => {
  tracingChannel(COMMAND_TRACE_CHANNEL).unsubscribe(subscribers);
  await pool?.close();
  await server?.stop();
});

/** Every printable form of `value`: inspect at depth 0–10 with and without hidden properties, JSON. */
function printed(value: unknown): string[] {
  const forms: string[] = [];
  for (let depth = 0; depth <= 10; depth++) {
    for (const showHidden of [false, true]) forms.push(inspect(value, { depth, showHidden }));
  }
  forms.push(JSON.stringify(value) ?? "");
  return forms;
}

/** The error, its message and stack and every cause in its chain, printed every way. */
function printedError(error: unknown): string[] {
  const forms: string[] = [];
  let current: unknown = error;
  for (let i = 0; current !== undefined && i < 10; i++) {
    forms.push(...printed(current));
    if (current instanceof Error) forms.push(current.message, current.stack ?? "");
    current = current instanceof Error ? current.cause : undefined;
  }
  return forms;
}

function expectNoSecret(forms: readonly string[]): void {
  for (const form of forms) for (const secret of SECRETS) expect(form).not.toContain(secret);
}

describe("security: nothing secret prints", () => {
  it("a failed command's error and its trace events carry no stored value", async () => {
    const key = randomKey("sec17");
    await pool.send("setKey", { name: "SET", args: [key, "plain"], keys: FIRST_KEY });
    traceEvents.length = 0;
    const error = await rejection(pool.send("setHashFields", { name: "HSET", args: [key, "cardNumber", CARD], keys: FIRST_KEY }));
    expect(isRedisError(error, "WRONG_TYPE")).toBe(true);
    expectNoSecret(printedError(error));
    expect(traceEvents.length).toBeGreaterThan(0);
    for (const event of traceEvents) expectNoSecret(printed(event));
  });

  it("ioredis's own tracing channel (what OpenTelemetry reads) shows the keys of the pool's commands, never a value or secret", async () => {
    const seen: unknown[] = [];
    const ioredisChannel = tracingChannel("ioredis:command");
    const ioredisSubscribers = { start: (context: unknown) => void seen.push(context), end: record, asyncStart: record, asyncEnd: record, error: record };
    ioredisChannel.subscribe(ioredisSubscribers);
    try {
      const key = randomKey("sec17-ioredis");
      const script = "return redis.call('SET', KEYS[1], ARGV[1])";
      expect(await pool.send("compareAndSet", { name: "EVAL", args: [script, "1", key, CARD], keys: [2] })).toBe("OK");
      expect(await pool.send("sadd", { name: "SADD", args: [`${key}:set`, CARD], keys: FIRST_KEY })).toBe(1);
      expect(await pool.send("sismember", { name: "SISMEMBER", args: [`${key}:set`, CARD], keys: FIRST_KEY })).toBe(1);
      expect(await pool.send("aclSetUser", { name: "ACL", args: ["SETUSER", `${ACL_USER}-2`, "on", `>${ACL_SECRET}`], keys: [] })).toBe("OK");
      expect(seen.map((context) => (context as { command: string }).command)).toEqual(expect.arrayContaining(["EVAL", "SADD", "SISMEMBER", "ACL"]));
      expect(seen).toContainEqual(expect.objectContaining({ command: "EVAL", args: ["?", "?", key, "?"] }));
      for (const context of seen) expectNoSecret(printed(context));
    } finally {
      ioredisChannel.unsubscribe(ioredisSubscribers);
    }
  });

  it("a failed login (wrong user name, real password) leaves no password in the error or its cause", async () => {
    const error = await rejection(
      RedisConnectionPool.connect({ host: server.host, port: server.port, username: "no-such-user", password: PASSWORD, poolSize: 1, connectTimeoutMs: 2_000 }),
    );
    expect(isRedisError(error)).toBe(true);
    expectNoSecret(printedError(error));
  });

  it("a failed ACL login leaves no ACL secret in the error or its cause", async () => {
    const error = await rejection(
      RedisConnectionPool.connect({ host: server.host, port: server.port, username: "typo-user", password: ACL_SECRET, poolSize: 1, connectTimeoutMs: 2_000 }),
    );
    expect(isRedisError(error)).toBe(true);
    expectNoSecret(printedError(error));
  });
});

describe("security: the pool never prints a secret", () => {
  it("util.inspect (depth 0–10, showHidden or not), util.format('%o') and JSON.stringify of the pool and its settings", async () => {
    await pool.send("ping", { name: "PING", args: [], keys: [] });
    expectNoSecret(printed(pool));
    expectNoSecret(printed(pool.settings));
    expectNoSecret([format("%o", pool), format("%O", pool), format("%j", pool), format("%o", pool.settings)]);
    expect(inspect(pool)).toContain(String(server.port));
  });
});

describe("security: settings from a URL or the environment keep their password when copied", () => {
  const url = (): string => `redis://:${PASSWORD}@${server.host}:${server.port}`;

  it("a spread of redisSettingsFromUrl authenticates, and the parsed settings never print the password", async () => {
    const settings = redisSettingsFromUrl(url());
    expectNoSecret(printed(settings));
    const copied = await RedisConnectionPool.connect({ ...settings, poolSize: 1 });
    try {
      expect(await copied.send("ping", { name: "PING", args: [], keys: [] })).toBe("PONG");
    } finally {
      await copied.close();
    }
  });

  it("Object.assign of redisSettingsFromEnv authenticates, and the parsed settings never print the password", async () => {
    const settings = redisSettingsFromEnv({ REDIS_URL: url() });
    expectNoSecret(printed(settings));
    const copied = await RedisConnectionPool.connect(Object.assign({}, settings, { poolSize: 1 }));
    try {
      expect(await copied.send("ping", { name: "PING", args: [], keys: [] })).toBe("PONG");
    } finally {
      await copied.close();
    }
  });
});

describe("factories check what they are given", () => {
  const operations = { ping: (connection: RedisConnection) => () => connection };
  it.each([
    ["null", null],
    ["undefined", undefined],
    ["a raw client-like object", { execute: () => undefined, get: () => undefined }],
    ["a string", "redis://localhost"],
  ])("bindOperations(%s) throws INVALID_ARGUMENT naming what is expected", (_label, given) => {
    let thrown: unknown;
    try {
      bindOperations(given as unknown as RedisConnection, operations);
    } catch (error) {
      thrown = error;
    }
    expect(isRedisError(thrown, "INVALID_ARGUMENT")).toBe(true);
    expect((thrown as Error).message).toContain("RedisConnectionPool");
  });

  it("bindOperations accepts the pool", () => {
    expect(typeof bindOperations(pool, operations).ping).toBe("function");
  });
});
