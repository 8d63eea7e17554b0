import { codecFromChoice } from "./codec-choice.js";
import { RedisError } from "./errors.js";
import { parseHostPort } from "./host-port.js";
import { hideSecrets, redactWhenPrinted } from "./redact.js";
import {
  DEFAULT_REDIS_SETTINGS,
  REDIS_SETTINGS_FIELDS,
  type RedisSentinelSettings,
  type RedisSettings,
  type ResolvedRedisSettings,
} from "./settings.js";

function invalid(field: string, problem: string): RedisError {
  return new RedisError("INVALID_CONFIGURATION", {
    operation: "resolveRedisSettings",
    message: `\`${field}\` ${problem}`,
  });
}

function requireInteger(settings: RedisSettings, field: keyof RedisSettings, min: number, max = Number.MAX_SAFE_INTEGER): void {
  const value = settings[field];
  if (typeof value !== "number" || !Number.isInteger(value)) throw invalid(field, `must be an integer, got ${typeof value === "number" ? value : typeof value}`);
  if (value < min || value > max) throw invalid(field, `must be between ${min} and ${max}, got ${value}`);
}

function requireBoolean(settings: RedisSettings, field: keyof RedisSettings): void {
  if (typeof settings[field] !== "boolean") throw invalid(field, `must be a boolean, got ${typeof settings[field]}`);
}

function validateHostPorts(field: string, values: unknown): void {
  if (!Array.isArray(values)) throw invalid(field, "must be an array of \"host:port\" strings");
  values.forEach((value, index) => {
    try {
      parseHostPort(value);
    } catch (cause) {
      throw invalid(`${field}[${index}]`, (cause as Error).message);
    }
  });
}

function validateSentinel(sentinel: RedisSentinelSettings | undefined): void {
  if (sentinel === undefined) return;
  if (typeof sentinel !== "object" || sentinel === null) throw invalid("sentinel", "must be an object");
  if (typeof sentinel.masterName !== "string" || sentinel.masterName === "") throw invalid("sentinel.masterName", "must be a non-empty string");
  if (!Array.isArray(sentinel.sentinels) || sentinel.sentinels.length === 0) throw invalid("sentinel.sentinels", "must list at least one \"host:port\"");
  validateHostPorts("sentinel.sentinels", sentinel.sentinels);
  for (const field of ["sentinelUsername", "sentinelPassword"] as const) {
    if (sentinel[field] !== undefined && typeof sentinel[field] !== "string") throw invalid(`sentinel.${field}`, "must be a string");
  }
}

function validate(settings: RedisSettings): void {
  if (typeof settings.host !== "string" || settings.host.trim() === "") throw invalid("host", "must be a non-empty string");
  requireInteger(settings, "port", 1, 65_535);
  requireInteger(settings, "db", 0);
  requireBoolean(settings, "clusterEnabled");
  validateHostPorts("clusterUrls", settings.clusterUrls);
  if (settings.clusterEnabled && settings.clusterUrls.length === 0) throw invalid("clusterUrls", "must list at least one node when `clusterEnabled` is true");
  if (settings.clusterEnabled && settings.db !== 0) throw invalid("db", "must be 0 when `clusterEnabled` is true (Redis Cluster has one database)");
  if (settings.clusterEnabled && settings.sentinel) throw invalid("sentinel", "cannot be combined with `clusterEnabled`");
  validateSentinel(settings.sentinel);
  if (settings.tls !== false && settings.tls !== true && (typeof settings.tls !== "object" || settings.tls === null)) throw invalid("tls", "must be false, true or TLS options");
  for (const field of ["username", "password"] as const) {
    if (settings[field] !== undefined && typeof settings[field] !== "string") throw invalid(field, "must be a string");
  }
  requireInteger(settings, "poolSize", 1, 1_000);
  requireInteger(settings, "reconnectMaxAttempts", 0);
  requireInteger(settings, "reconnectDelayMs", 1);
  requireInteger(settings, "reconnectMaxDelayMs", settings.reconnectDelayMs);
  requireInteger(settings, "connectTimeoutMs", 1);
  requireInteger(settings, "defaultTtl", 1);
  requireInteger(settings, "defaultHashTtl", 1);
  requireInteger(settings, "streamReadCount", 1);
  requireBoolean(settings, "autoPipeline");
  requireInteger(settings, "maxInFlightCommands", 1);
  requireInteger(settings, "defaultCommandTimeoutMs", 1);
  requireInteger(settings, "unresponsiveTimeoutMs", 1);
  if (settings.defaultCommandTimeoutMs < settings.unresponsiveTimeoutMs) {
    throw invalid("defaultCommandTimeoutMs", `(${settings.defaultCommandTimeoutMs}) must not be below \`unresponsiveTimeoutMs\` (${settings.unresponsiveTimeoutMs})`);
  }
  requireInteger(settings, "maxFailureThresholdSeconds", 0);
  if (typeof settings.keyPrefix !== "string") throw invalid("keyPrefix", "must be a string");
}

function copySentinel(sentinel: RedisSentinelSettings): RedisSentinelSettings {
  const copy: RedisSentinelSettings = { masterName: sentinel.masterName, sentinels: [...sentinel.sentinels] };
  if (sentinel.sentinelUsername !== undefined) copy.sentinelUsername = sentinel.sentinelUsername;
  if (sentinel.sentinelPassword !== undefined) copy.sentinelPassword = sentinel.sentinelPassword;
  return Object.freeze(redactWhenPrinted(hideSecrets(copy)));
}

/**
 * Completes `partial` with the defaults and validates every field.
 * Sends nothing to Redis.
 * @returns frozen settings whose password is hidden from `JSON.stringify` and logs.
 * @throws RedisError `INVALID_CONFIGURATION` naming the first bad field (unknown fields included).
 */
export function resolveRedisSettings(partial: Partial<RedisSettings> = {}): ResolvedRedisSettings {
  if (typeof partial !== "object" || partial === null) throw invalid("settings", "must be an object");
  for (const field of Object.keys(partial)) {
    if (!REDIS_SETTINGS_FIELDS.includes(field as keyof RedisSettings)) throw invalid(field, "is not a known setting");
  }
  const defined = Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined));
  const merged: RedisSettings = { ...DEFAULT_REDIS_SETTINGS, ...defined, clusterUrls: [...(partial.clusterUrls ?? [])] };
  // Secrets may be non-enumerable on the input (settings from our own parsers): copy them explicitly.
  if (partial.password !== undefined) merged.password = partial.password;
  validate(merged);
  const codec = codecFromChoice(merged.codec, (problem) => invalid("codec", problem));
  const resolved: ResolvedRedisSettings = hideSecrets({ ...merged, codec, clusterUrls: Object.freeze([...merged.clusterUrls]) });
  if (merged.sentinel) (resolved as { sentinel?: RedisSentinelSettings }).sentinel = copySentinel(merged.sentinel);
  else delete (resolved as { sentinel?: unknown }).sentinel;
  return Object.freeze(redactWhenPrinted(resolved));
}
