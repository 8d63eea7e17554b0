import { redactUrl } from "./redact.js";

/** A `host:port` pair. */
export interface HostPort {
  host: string;
  port: number;
}

/**
 * Parses `"host:port"` (IPv6 as `"[::1]:6379"`).
 * @throws Error naming what is wrong with the text (shown without any `user:password@` or query).
 */
export function parseHostPort(text: unknown): HostPort {
  if (typeof text !== "string" || text.trim() === "") throw new Error("must be a non-empty \"host:port\" string");
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(text.trim());
  if (text.includes("@")) throw new Error(`must be a plain "host:port" without credentials (give the password in \`password\`), got "${redactUrl(text)}"`);
  if (!match) throw new Error(`must look like "host:port", got "${redactUrl(text)}"`);
  const host = (match[1] ?? match[2]) as string;
  const port = Number(match[3]);
  if (port < 1 || port > 65_535) throw new Error(`has port ${port}, outside 1-65535`);
  return { host, port };
}
