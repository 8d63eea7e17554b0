import { inspect } from "node:util";

const SECRET_FIELDS = ["password", "sentinelPassword"] as const;

/**
 * Makes the secret fields of a settings-like object non-enumerable: they stay readable by
 * code (`settings.password`) but `JSON.stringify`, `console.log`, `util.inspect`, spreads and
 * `Object.keys` do not show them.
 */
export function hideSecrets<T extends object>(settings: T): T {
  for (const field of SECRET_FIELDS) {
    if (Object.prototype.hasOwnProperty.call(settings, field)) {
      const value = (settings as Record<string, unknown>)[field];
      Object.defineProperty(settings, field, { value, enumerable: false, writable: false, configurable: false });
    }
  }
  return settings;
}

/**
 * For settings handed to the caller (`redisSettingsFromUrl`, `redisSettingsFromEnv`): the secret
 * fields stay ordinary enumerable strings, so `{ ...settings, poolSize: 5 }` and `Object.assign`
 * keep them (what an ioredis user expects), while `JSON.stringify`, `util.inspect` and
 * `console.log` of this object print `[redacted]` in their place, and TLS options without their
 * keys and certificates (non-enumerable `toJSON` and
 * `util.inspect.custom`, so copies do not inherit them: a spread copy is the caller's object).
 */
export function redactWhenPrinted<T extends object>(settings: T): T {
  const printable = (): Record<string, unknown> => {
    const copy: Record<string, unknown> = { ...(settings as Record<string, unknown>) };
    for (const field of SECRET_FIELDS) if (copy[field] !== undefined) copy[field] = "[redacted]";
    if (copy.tls !== undefined) copy.tls = printableTls(copy.tls);
    return copy;
  };
  Object.defineProperty(settings, "toJSON", { value: printable, enumerable: false });
  Object.defineProperty(settings, inspect.custom, {
    value: (_depth: number, options: object) => inspect(printable(), options),
    enumerable: false,
  });
  return settings;
}

/**
 * `text` (a URL or a `host:port` entry) safe to put in an error message: everything between the
 * scheme and the last `@` (user and password, however malformed) becomes `***`, and so does a
 * query or fragment (`?password=…`).
 */
export function redactUrl(text: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text)?.[0] ?? "";
  let rest = text.slice(scheme.length);
  const at = rest.lastIndexOf("@");
  if (at >= 0) rest = `***${rest.slice(at)}`;
  const query = rest.search(/[?#]/);
  if (query >= 0) rest = `${rest.slice(0, query + 1)}***`;
  return scheme + rest;
}

/**
 * TLS options as printed: booleans and numbers as they are, every other value (key, cert, ca,
 * pfx, passphrase, …) `[redacted]`, so no PEM text is ever logged.
 */
function printableTls(tls: unknown): unknown {
  if (typeof tls !== "object" || tls === null) return tls;
  return Object.fromEntries(
    Object.entries(tls).map(([name, value]) => [name, typeof value === "boolean" || typeof value === "number" ? value : "[redacted]"]),
  );
}
