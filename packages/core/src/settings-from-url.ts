import { RedisError } from "./errors.js";
import { redactWhenPrinted, redactUrl } from "./redact.js";
import type { RedisSettings } from "./settings.js";

function invalidUrl(url: string, problem: string): RedisError {
  return new RedisError("INVALID_CONFIGURATION", {
    operation: "redisSettingsFromUrl",
    message: `\`url\` ${problem}: ${redactUrl(url)}`,
  });
}

/**
 * Reads connection settings from a URL: `redis://[user[:password]@]host[:port][/db]` or
 * `rediss://…` (TLS). Sends nothing to Redis.
 * @returns partial settings to pass to `RedisConnectionPool.connect` (password hidden from logs).
 * @throws RedisError `INVALID_CONFIGURATION` naming what is wrong; the password is never in the message.
 */
export function redisSettingsFromUrl(url: string): Partial<RedisSettings> {
  if (typeof url !== "string" || url.trim() === "") throw invalidUrl(String(url), "must be a non-empty string");
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw invalidUrl(url, "is not a valid URL");
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") throw invalidUrl(url, `has scheme "${parsed.protocol}" (expected redis: or rediss:)`);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  if (host === "") throw invalidUrl(url, "has no host");
  const settings: Partial<RedisSettings> = { host, tls: parsed.protocol === "rediss:" };
  if (parsed.port !== "") settings.port = Number(parsed.port);
  if (parsed.username !== "") settings.username = decodeURIComponent(parsed.username);
  if (parsed.password !== "") settings.password = decodeURIComponent(parsed.password);
  const path = parsed.pathname.replace(/^\//, "");
  if (path !== "") {
    if (!/^\d+$/.test(path)) throw invalidUrl(url, `has database "${path}" (expected a number)`);
    settings.db = Number(path);
  }
  return redactWhenPrinted(settings);
}
