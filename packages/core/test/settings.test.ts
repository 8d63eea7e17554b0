import { inspect } from "node:util";
import {
  DEFAULT_REDIS_SETTINGS,
  isRedisError,
  jsonCodec,
  redisSettingsFromEnv,
  redisSettingsFromUrl,
  resolveRedisSettings,
  type RedisCodec,
  type RedisSettings,
} from "../src/index.js";

function configurationError(run: () => unknown): { message: string; code: string } {
  try {
    run();
  } catch (error) {
    expect(isRedisError(error, "INVALID_CONFIGURATION")).toBe(true);
    return error as { message: string; code: string };
  }
  throw new Error("expected INVALID_CONFIGURATION");
}

describe("resolveRedisSettings", () => {
  it("applies the Hyperswitch defaults", () => {
    const settings = resolveRedisSettings();
    expect(settings).toMatchObject({
      host: "127.0.0.1",
      port: 6379,
      db: 0,
      tls: false,
      clusterEnabled: false,
      clusterUrls: [],
      poolSize: 5,
      reconnectMaxAttempts: 5,
      defaultTtl: 300,
      defaultHashTtl: 900,
      streamReadCount: 1,
      autoPipeline: true,
      maxInFlightCommands: 5000,
      defaultCommandTimeoutMs: 30_000,
      unresponsiveTimeoutMs: 10_000,
      maxFailureThresholdSeconds: 5,
      keyPrefix: "",
    });
    expect(settings.codec.name).toBe("superjson");
    expect(Object.isFrozen(settings)).toBe(true);
  });

  it("keeps given values and ignores undefined ones", () => {
    const settings = resolveRedisSettings({ port: 6380, poolSize: undefined, keyPrefix: "app" });
    expect(settings.port).toBe(6380);
    expect(settings.poolSize).toBe(DEFAULT_REDIS_SETTINGS.poolSize);
    expect(settings.keyPrefix).toBe("app");
  });

  const bad: Array<[string, Partial<RedisSettings> | Record<string, unknown>, string]> = [
    ["empty host", { host: "" }, "`host`"],
    ["blank host", { host: "   " }, "`host`"],
    ["port 0", { port: 0 }, "`port`"],
    ["port above 65535", { port: 70_000 }, "`port`"],
    ["fractional port", { port: 63.5 }, "`port`"],
    ["port as a string", { port: "6379" }, "`port`"],
    ["negative db", { db: -1 }, "`db`"],
    ["cluster without urls", { clusterEnabled: true }, "`clusterUrls`"],
    ["cluster url without port", { clusterEnabled: true, clusterUrls: ["node-1"] }, "`clusterUrls[0]`"],
    ["cluster url with bad port", { clusterUrls: ["127.0.0.1:7000", "node:0"] }, "`clusterUrls[1]`"],
    ["cluster with db", { clusterEnabled: true, clusterUrls: ["127.0.0.1:7000"], db: 2 }, "`db`"],
    ["command timeout below unresponsive timeout", { defaultCommandTimeoutMs: 1000, unresponsiveTimeoutMs: 2000 }, "`defaultCommandTimeoutMs`"],
    ["pool size 0", { poolSize: 0 }, "`poolSize`"],
    ["negative default TTL", { defaultTtl: -1 }, "`defaultTtl`"],
    ["zero default TTL", { defaultTtl: 0 }, "`defaultTtl`"],
    ["negative hash TTL", { defaultHashTtl: -30 }, "`defaultHashTtl`"],
    ["negative reconnect attempts", { reconnectMaxAttempts: -1 }, "`reconnectMaxAttempts`"],
    ["zero in-flight limit", { maxInFlightCommands: 0 }, "`maxInFlightCommands`"],
    ["stream read count 0", { streamReadCount: 0 }, "`streamReadCount`"],
    ["unknown codec", { codec: "xml" as never }, "`codec`"],
    ["codec object without decode", { codec: { name: "half", encode: String } as unknown as RedisCodec }, "`codec`"],
    ["non-boolean autoPipeline", { autoPipeline: "yes" as never }, "`autoPipeline`"],
    ["non-string key prefix", { keyPrefix: 5 as never }, "`keyPrefix`"],
    ["unknown field", { poolsize: 3 }, "`poolsize`"],
    ["sentinel without master name", { sentinel: { masterName: "", sentinels: ["127.0.0.1:26379"] } }, "`sentinel.masterName`"],
    ["sentinel without nodes", { sentinel: { masterName: "m", sentinels: [] } }, "`sentinel.sentinels`"],
    ["sentinel password not a string", { sentinel: { masterName: "m", sentinels: ["127.0.0.1:26379"], sentinelPassword: 42 as unknown as string } }, "`sentinel.sentinelPassword`"],
    ["sentinel username not a string", { sentinel: { masterName: "m", sentinels: ["127.0.0.1:26379"], sentinelUsername: {} as unknown as string } }, "`sentinel.sentinelUsername`"],
    ["sentinel node without port", { sentinel: { masterName: "m", sentinels: ["127.0.0.1"] } }, "`sentinel.sentinels[0]`"],
    ["sentinel with cluster", { clusterEnabled: true, clusterUrls: ["127.0.0.1:7000"], sentinel: { masterName: "m", sentinels: ["127.0.0.1:26379"] } }, "`sentinel`"],
    ["tls as a number", { tls: 1 as never }, "`tls`"],
  ];
  it.each(bad)("rejects %s naming the field", (_name, input, field) => {
    const error = configurationError(() => resolveRedisSettings(input as Partial<RedisSettings>));
    expect(error.message).toContain(field);
    expect(error.message.startsWith("resolveRedisSettings: ")).toBe(true);
  });

  it("accepts a custom codec object", () => {
    const codec: RedisCodec = { name: "upper", encode: (value) => String(value).toUpperCase(), decode: (text) => text.toLowerCase() };
    expect(resolveRedisSettings({ codec }).codec).toBe(codec);
    expect(resolveRedisSettings({ codec: "json" }).codec).toBe(jsonCodec);
  });

  it("never shows the password in JSON, inspect, keys or errors", () => {
    const settings = resolveRedisSettings({
      password: "s3cret-pw",
      sentinel: { masterName: "mymaster", sentinels: ["127.0.0.1:26379"], sentinelPassword: "sentinel-pw" },
    });
    expect(settings.password).toBe("s3cret-pw");
    expect(settings.sentinel?.sentinelPassword).toBe("sentinel-pw");
    for (const shown of [JSON.stringify(settings), inspect(settings, { depth: 5 }), Object.keys(settings).join(","), JSON.stringify({ ...settings })]) {
      expect(shown).not.toContain("s3cret-pw");
      expect(shown).not.toContain("sentinel-pw");
    }
    const error = configurationError(() => resolveRedisSettings({ password: "s3cret-pw", port: -1 }));
    expect(error.message).not.toContain("s3cret-pw");
    expect(JSON.stringify(error)).not.toContain("s3cret-pw");
  });
});

describe("redisSettingsFromUrl", () => {
  it("reads host, port, user, password and db", () => {
    const partial = redisSettingsFromUrl("redis://app%40user:p%40ss@cache.internal:6380/3");
    expect(partial).toMatchObject({ host: "cache.internal", port: 6380, username: "app@user", db: 3, tls: false });
    expect(partial.password).toBe("p@ss");
    expect(JSON.stringify(partial)).not.toContain("p@ss");
    expect(resolveRedisSettings(partial).password).toBe("p@ss");
  });

  it("turns rediss:// into TLS and keeps defaults for what is missing", () => {
    const settings = resolveRedisSettings(redisSettingsFromUrl("rediss://cache.example"));
    expect(settings).toMatchObject({ host: "cache.example", port: 6379, tls: true, db: 0 });
    expect(settings.password).toBeUndefined();
  });

  it("accepts a password without a user and IPv6 hosts", () => {
    const partial = redisSettingsFromUrl("redis://:only-pw@[::1]:7000");
    expect(partial.host).toBe("::1");
    expect(partial.port).toBe(7000);
    expect(partial.username).toBeUndefined();
    expect(partial.password).toBe("only-pw");
  });

  it.each([
    ["", "non-empty"],
    ["not a url", "not a valid URL"],
    ["http://cache:6379", "scheme"],
    ["redis://user:hunter2@cache:6379/abc", "database"],
  ])("rejects %j with a message that hides the password", (url, fragment) => {
    const error = configurationError(() => redisSettingsFromUrl(url));
    expect(error.message).toContain(fragment);
    expect(error.message).toContain("`url`");
    expect(error.message).not.toContain("hunter2");
  });

  it("rejects a port out of range when resolved", () => {
    expect(() => redisSettingsFromUrl("redis://cache:99999")).toThrow();
  });
});

describe("redisSettingsFromEnv", () => {
  it("reads REDIS_URL, then per-field variables that win over it", () => {
    const partial = redisSettingsFromEnv({
      REDIS_URL: "redis://:from-url@url-host:6390/1",
      REDIS_HOST: "env-host",
      REDIS_POOL_SIZE: "8",
      REDIS_AUTO_PIPELINE: "false",
      REDIS_CLUSTER_URLS: "127.0.0.1:7000, 127.0.0.1:7001",
      REDIS_KEY_PREFIX: "svc",
      REDIS_CODEC: "json",
    });
    expect(partial).toMatchObject({ host: "env-host", port: 6390, db: 1, poolSize: 8, autoPipeline: false, keyPrefix: "svc", codec: "json" });
    expect(partial.clusterUrls).toEqual(["127.0.0.1:7000", "127.0.0.1:7001"]);
    expect(partial.password).toBe("from-url");
    expect(JSON.stringify(partial)).not.toContain("from-url");
    expect(resolveRedisSettings(partial).codec).toBe(jsonCodec);
  });

  it("returns nothing for an empty environment", () => {
    expect(resolveRedisSettings(redisSettingsFromEnv({}))).toMatchObject({ host: "127.0.0.1", port: 6379 });
  });

  it.each([
    ["REDIS_PORT", "sixty"],
    ["REDIS_POOL_SIZE", "1.5"],
    ["REDIS_TLS", "maybe"],
  ])("names %s when it cannot be parsed", (name, value) => {
    const error = configurationError(() => redisSettingsFromEnv({ [name]: value }));
    expect(error.message).toContain(`\`${name}\``);
  });

  it("lets resolveRedisSettings name a parsed but invalid value", () => {
    const error = configurationError(() => resolveRedisSettings(redisSettingsFromEnv({ REDIS_POOL_SIZE: "0" })));
    expect(error.message).toContain("`poolSize`");
  });
});
