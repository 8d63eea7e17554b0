import { RedisError } from "./errors.js";
import { redactWhenPrinted } from "./redact.js";
import type { RedisSettings } from "./settings.js";
import { redisSettingsFromUrl } from "./settings-from-url.js";

type FieldKind = "string" | "integer" | "boolean" | "list";

/** Environment variable → setting, with how to parse it. */
const ENV_FIELDS: ReadonlyArray<readonly [string, keyof RedisSettings, FieldKind]> = [
  ["REDIS_HOST", "host", "string"],
  ["REDIS_PORT", "port", "integer"],
  ["REDIS_USERNAME", "username", "string"],
  ["REDIS_PASSWORD", "password", "string"],
  ["REDIS_DB", "db", "integer"],
  ["REDIS_TLS", "tls", "boolean"],
  ["REDIS_CLUSTER_ENABLED", "clusterEnabled", "boolean"],
  ["REDIS_CLUSTER_URLS", "clusterUrls", "list"],
  ["REDIS_POOL_SIZE", "poolSize", "integer"],
  ["REDIS_RECONNECT_MAX_ATTEMPTS", "reconnectMaxAttempts", "integer"],
  ["REDIS_RECONNECT_DELAY_MS", "reconnectDelayMs", "integer"],
  ["REDIS_RECONNECT_MAX_DELAY_MS", "reconnectMaxDelayMs", "integer"],
  ["REDIS_CONNECT_TIMEOUT_MS", "connectTimeoutMs", "integer"],
  ["REDIS_DEFAULT_TTL", "defaultTtl", "integer"],
  ["REDIS_DEFAULT_HASH_TTL", "defaultHashTtl", "integer"],
  ["REDIS_STREAM_READ_COUNT", "streamReadCount", "integer"],
  ["REDIS_AUTO_PIPELINE", "autoPipeline", "boolean"],
  ["REDIS_MAX_IN_FLIGHT_COMMANDS", "maxInFlightCommands", "integer"],
  ["REDIS_DEFAULT_COMMAND_TIMEOUT_MS", "defaultCommandTimeoutMs", "integer"],
  ["REDIS_UNRESPONSIVE_TIMEOUT_MS", "unresponsiveTimeoutMs", "integer"],
  ["REDIS_MAX_FAILURE_THRESHOLD_SECONDS", "maxFailureThresholdSeconds", "integer"],
  ["REDIS_KEY_PREFIX", "keyPrefix", "string"],
  ["REDIS_CODEC", "codec", "string"],
];

function parse(name: string, raw: string, kind: FieldKind): string | number | boolean | string[] {
  const fail = (expected: string) =>
    new RedisError("INVALID_CONFIGURATION", {
      operation: "redisSettingsFromEnv",
      message: `\`${name}\` must be ${expected}${name === "REDIS_PASSWORD" ? "" : `, got "${raw}"`}`,
    });
  switch (kind) {
    case "string":
      return raw;
    case "integer":
      if (!/^-?\d+$/.test(raw.trim())) throw fail("an integer");
      return Number(raw.trim());
    case "boolean": {
      const lowered = raw.trim().toLowerCase();
      if (["true", "1", "yes"].includes(lowered)) return true;
      if (["false", "0", "no", ""].includes(lowered)) return false;
      throw fail("true or false");
    }
    case "list":
      return raw.split(",").map((item) => item.trim()).filter((item) => item !== "");
  }
}

/**
 * Reads settings from environment variables: `REDIS_URL` first (as `redisSettingsFromUrl`),
 * then one variable per field, which wins over the URL: `REDIS_HOST`, `REDIS_PORT`,
 * `REDIS_PASSWORD`, `REDIS_POOL_SIZE`, `REDIS_CLUSTER_URLS` (comma-separated), … (the field name
 * in UPPER_SNAKE_CASE after `REDIS_`). Sends nothing to Redis.
 * @returns partial settings to pass to `RedisConnectionPool.connect`.
 * @throws RedisError `INVALID_CONFIGURATION` naming the variable that cannot be parsed.
 */
export function redisSettingsFromEnv(env: Record<string, string | undefined> = process.env): Partial<RedisSettings> {
  const url = env.REDIS_URL;
  const fromUrl = url ? redisSettingsFromUrl(url) : undefined;
  const settings: Record<string, unknown> = { ...fromUrl };
  if (fromUrl?.password !== undefined) settings.password = fromUrl.password;
  for (const [name, field, kind] of ENV_FIELDS) {
    const raw = env[name];
    if (raw !== undefined) settings[field] = parse(name, raw, kind);
  }
  return redactWhenPrinted(settings as Partial<RedisSettings>);
}
