import { tracingChannel } from "node:diagnostics_channel";
import { Redis } from "ioredis";
import {
  leakedSecrets,
  printedErrorForms,
  printedForms,
  randomKey,
  rejection,
  startRedis,
  startRedisCluster,
  startRedisSentinel,
  type RedisClusterHandle,
  type RedisSentinelHandle,
  type RedisServerHandle,
} from "@redis-interface/testing";
import {
  COMMAND_TRACE_CHANNEL,
  FIRST_KEY,
  RedisConnectionPool,
  isRedisError,
  redisSettingsFromEnv,
  redisSettingsFromUrl,
  resolveRedisSettings,
} from "../src/index.js";

// Issue #17 items 1–3: a cluster with credentials, TLS keys and a Sentinel password never print
// (inspect at depth 0–10 with and without showHidden, %o, JSON, errors and their causes, trace events).
const CLUSTER_PASSWORD = "clu-sec17-do-not-print-3f0a";
const SENTINEL_PASSWORD = "sen-sec17-do-not-print-77d1";
const DATA_PASSWORD = "dat-sec17-do-not-print-b2c9";
const TLS_KEY_TEXT = "TLSKEY-sec17-do-not-print-0c4e";
const TLS_CERT_TEXT = "TLSCERT-sec17-do-not-print-9a13";
const TLS_CA_TEXT = "TLSCA-sec17-do-not-print-5d77";
const CARD = "4111111111111111";
const pem = (label: string, body: string): string => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
const SECRETS = [CLUSTER_PASSWORD, SENTINEL_PASSWORD, DATA_PASSWORD, TLS_KEY_TEXT, TLS_CERT_TEXT, TLS_CA_TEXT, "-----BEGIN", CARD];

const traceEvents: unknown[] = [];
const record = (event: unknown): void => {
  traceEvents.push(event);
};
const subscribers = { start: record, end: record, asyncStart: record, asyncEnd: record, error: record };

beforeAll(() => tracingChannel(COMMAND_TRACE_CHANNEL).subscribe(subscribers));
afterAll(() => tracingChannel(COMMAND_TRACE_CHANNEL).unsubscribe(subscribers));

function expectNoSecret(forms: readonly string[]): void {
  expect(leakedSecrets(forms, SECRETS)).toEqual([]);
}

function expectTraceEventsClean(): void {
  for (const event of traceEvents) expectNoSecret(printedForms(event));
}

describe("security: a cluster URL with credentials", () => {
  const urls = [
    `redis://:${CLUSTER_PASSWORD}@127.0.0.1:7000,127.0.0.1:7001`,
    `redis://admin:${CLUSTER_PASSWORD}@127.0.0.1:7000,admin:${CLUSTER_PASSWORD}@127.0.0.1:7001`,
    `rediss://admin:${CLUSTER_PASSWORD}@127.0.0.1:7000,127.0.0.1:7001/0`,
    `redis://:${CLUSTER_PASSWORD}@127.0.0.1:7000/db?x=1`,
    `redis://:p@${CLUSTER_PASSWORD}/x@127.0.0.1:7000/1`,
    `redis://:${CLUSTER_PASSWORD}/x@127.0.0.1:7000`,
    `redis://127.0.0.1:7000/0?password=${CLUSTER_PASSWORD}`,
  ];

  it.each(urls)("redisSettingsFromUrl(%#) fails INVALID_CONFIGURATION naming the problem, never the password", (url) => {
    let thrown: unknown;
    try {
      redisSettingsFromUrl(url);
    } catch (error) {
      thrown = error;
    }
    expect(isRedisError(thrown, "INVALID_CONFIGURATION")).toBe(true);
    expect((thrown as Error).message).toContain("`url`");
    expectNoSecret(printedErrorForms(thrown));
  });

  it("REDIS_URL holding a cluster URL with credentials fails the same way", () => {
    let thrown: unknown;
    try {
      redisSettingsFromEnv({ REDIS_URL: urls[1] });
    } catch (error) {
      thrown = error;
    }
    expect(isRedisError(thrown, "INVALID_CONFIGURATION")).toBe(true);
    expectNoSecret(printedErrorForms(thrown));
  });

  it.each([
    ["a URL with credentials", `redis://admin:${CLUSTER_PASSWORD}@127.0.0.1:7000`],
    ["user:password@host:port", `admin:${CLUSTER_PASSWORD}@127.0.0.1:7000`],
    [":password@host:port with a bad port", `:${CLUSTER_PASSWORD}@127.0.0.1:70000`],
    ["password@host:port", `${CLUSTER_PASSWORD}@127.0.0.1:7000`],
  ])("clusterUrls holding %s fails INVALID_CONFIGURATION naming the entry, never the password", (_label, entry) => {
    for (const attempt of [
      () => resolveRedisSettings({ clusterEnabled: true, clusterUrls: ["127.0.0.1:7002", entry] }),
      () => resolveRedisSettings(redisSettingsFromEnv({ REDIS_CLUSTER_ENABLED: "true", REDIS_CLUSTER_URLS: `127.0.0.1:7002,${entry}` })),
      () => resolveRedisSettings({ sentinel: { masterName: "m", sentinels: [entry] } }),
    ]) {
      let thrown: unknown;
      try {
        attempt();
      } catch (error) {
        thrown = error;
      }
      expect(isRedisError(thrown, "INVALID_CONFIGURATION")).toBe(true);
      expect((thrown as Error).message).toMatch(/`(clusterUrls|sentinel\.sentinels)\[1\]`|`sentinel\.sentinels\[0\]`/);
      expectNoSecret(printedErrorForms(thrown));
    }
  });

  describe("a real cluster that requires a password", () => {
    let cluster: RedisClusterHandle;
    let pool: RedisConnectionPool;

    beforeAll(async () => {
      cluster = await startRedisCluster({ masters: 3, replicas: 0 });
      for (const node of cluster.nodes) {
        const admin = new Redis({ port: node.port, lazyConnect: true });
        try {
          await admin.connect();
          await admin.call("CONFIG", "SET", "requirepass", CLUSTER_PASSWORD);
        } finally {
          admin.disconnect();
        }
      }
      pool = await RedisConnectionPool.connect({ clusterEnabled: true, clusterUrls: cluster.urls, password: CLUSTER_PASSWORD });
    }, 120_000);

    afterAll(async () => {
      await pool?.close();
      await cluster?.stop();
    });

    it("the pool and its settings print no password (inspect 0–10, showHidden, %o, JSON) after real traffic", async () => {
      const key = randomKey("sec17");
      await pool.send("setKey", { name: "SET", args: [key, "v"], keys: FIRST_KEY });
      expect(await pool.send("getKey", { name: "GET", args: [key], keys: FIRST_KEY })).toBe("v");
      expectNoSecret(printedForms(pool));
      expectNoSecret(printedForms(pool.settings));
      expectNoSecret(printedForms(pool.withKeyPrefix("tenant")));
    });

    it("a failed command (stored value on a wrong-type key) and its trace events carry no value or password", async () => {
      const key = randomKey("sec17");
      await pool.send("setKey", { name: "SET", args: [key, "plain"], keys: FIRST_KEY });
      traceEvents.length = 0;
      const error = await rejection(pool.send("setHashFields", { name: "HSET", args: [key, "cardNumber", CARD], keys: FIRST_KEY }));
      expect(isRedisError(error, "WRONG_TYPE")).toBe(true);
      expectNoSecret(printedErrorForms(error));
      expect(traceEvents.length).toBeGreaterThan(0);
      expectTraceEventsClean();
    });

    it("a failed login (wrong user, the real password) leaves no password in the error or its cause", async () => {
      const error = await rejection(
        RedisConnectionPool.connect({
          clusterEnabled: true,
          clusterUrls: cluster.urls,
          username: "no-such-user",
          password: CLUSTER_PASSWORD,
          connectTimeoutMs: 2_000,
          reconnectMaxAttempts: 1,
        }),
      );
      expect(isRedisError(error)).toBe(true);
      expectNoSecret(printedErrorForms(error));
    });
  });
});

describe("security: TLS keys", () => {
  let server: RedisServerHandle;
  const tls = { key: pem("PRIVATE KEY", TLS_KEY_TEXT), cert: pem("CERTIFICATE", TLS_CERT_TEXT), ca: pem("CERTIFICATE", TLS_CA_TEXT), rejectUnauthorized: true };

  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("resolved settings with tls { key, cert, ca } print no PEM text (inspect 0–10, showHidden, %o, JSON)", () => {
    const settings = resolveRedisSettings({ host: "127.0.0.1", port: server.port, tls });
    expectNoSecret(printedForms(settings));
    expect(settings.tls).toEqual(tls);
  });

  it("a connection that fails its TLS handshake fails with no PEM text in the error or its cause", async () => {
    traceEvents.length = 0;
    const error = await rejection(
      RedisConnectionPool.connect({ host: "127.0.0.1", port: server.port, tls, password: DATA_PASSWORD, poolSize: 1, connectTimeoutMs: 2_000, reconnectMaxAttempts: 1 }),
    );
    expect(isRedisError(error)).toBe(true);
    expectNoSecret(printedErrorForms(error));
    expectTraceEventsClean();
  });
});

describe("security: a Sentinel password", () => {
  let deployment: RedisSentinelHandle;
  let pool: RedisConnectionPool;
  const sentinel = (): { masterName: string; sentinels: string[]; sentinelPassword: string } => ({
    masterName: deployment.masterName,
    sentinels: deployment.sentinelUrls,
    sentinelPassword: SENTINEL_PASSWORD,
  });

  beforeAll(async () => {
    deployment = await startRedisSentinel({ replicas: 1, sentinels: 1, password: DATA_PASSWORD, sentinelPassword: SENTINEL_PASSWORD });
    pool = await RedisConnectionPool.connect({ password: DATA_PASSWORD, sentinel: sentinel(), poolSize: 1 });
  }, 120_000);

  afterAll(async () => {
    await pool?.close();
    await deployment?.stop();
  });

  it("the pool and its settings print neither password after real traffic", async () => {
    expect(await pool.send("ping", { name: "PING", args: [], keys: [] })).toBe("PONG");
    expectNoSecret(printedForms(pool));
    expectNoSecret(printedForms(pool.settings));
    expectNoSecret(printedForms(pool.settings.sentinel));
  });

  it("a wrong sentinel password, or the sentinel password as the data password, fails naming neither", async () => {
    for (const attempt of [
      { password: DATA_PASSWORD, sentinel: { ...sentinel(), sentinelPassword: `${SENTINEL_PASSWORD}-wrong` } },
      { password: SENTINEL_PASSWORD, sentinel: sentinel() },
    ]) {
      const error = await rejection(RedisConnectionPool.connect({ ...attempt, poolSize: 1, connectTimeoutMs: 2_000, reconnectMaxAttempts: 1 }));
      expect(isRedisError(error)).toBe(true);
      expectNoSecret(printedErrorForms(error));
    }
  });
});
