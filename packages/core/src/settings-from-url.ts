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
 * `scheme://a@h1:p1,b@h2:p2` or `scheme://…@h1:p1,h2:p2`: a comma in the host part, or an `@`
 * and then a comma in the user-info part (a multi-host URL whose hosts carry credentials).
 */
function listsSeveralHosts(url: string): boolean {
  const authority = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  const at = authority.lastIndexOf("@");
  const hostPart = authority.slice(at + 1).split(/[/?#]/)[0] ?? "";
  const userInfo = at < 0 ? "" : authority.slice(0, at);
  return hostPart.includes(",") || /@.*,/.test(userInfo);
}

/**
 * Reads connection settings from a URL: `redis://[user[:password]@]host[:port][/db]` or
 * `rediss://…` (TLS). Sends nothing to Redis.
 * @returns partial settings to pass to `RedisConnectionPool.connect` (password hidden from logs).
 * @throws RedisError `INVALID_CONFIGURATION` naming what is wrong (several hosts, a query, a
 *   database that is not a number, …); the message shows the URL without user, password or query.
 */
export function redisSettingsFromUrl(url: string): Partial<RedisSettings> {
  if (typeof url !== "string" || url.trim() === "") throw invalidUrl(String(url), "must be a non-empty string");
  if (listsSeveralHosts(url.trim())) {
    throw invalidUrl(url, "lists several hosts (a cluster): give `clusterEnabled: true`, `clusterUrls` as \"host:port\" entries and `password` on its own");
  }
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
  if (parsed.search !== "" || parsed.hash !== "") throw invalidUrl(url, "has a query or fragment, which is not read (put user and password before the host, the database in the path)");
  const path = parsed.pathname.replace(/^\//, "");
  if (path !== "") {
    // The path is not echoed: a password with an unescaped "/" ends up in it.
    if (!/^\d+$/.test(path)) throw invalidUrl(url, "has a database that is not a number");
    settings.db = Number(path);
  }
  return redactWhenPrinted(settings);
}
