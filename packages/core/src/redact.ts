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
 * `console.log` of this object print `[redacted]` in their place (non-enumerable `toJSON` and
 * `util.inspect.custom`, so copies do not inherit them: a spread copy is the caller's object).
 */
export function redactWhenPrinted<T extends object>(settings: T): T {
  const printable = (): Record<string, unknown> => {
    const copy: Record<string, unknown> = { ...(settings as Record<string, unknown>) };
    for (const field of SECRET_FIELDS) if (copy[field] !== undefined) copy[field] = "[redacted]";
    return copy;
  };
  Object.defineProperty(settings, "toJSON", { value: printable, enumerable: false });
  Object.defineProperty(settings, inspect.custom, {
    value: (_depth: number, options: object) => inspect(printable(), options),
    enumerable: false,
  });
  return settings;
}

/** A URL with any password replaced by `***`, safe to put in an error message. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z0-9+.-]+:\/\/)([^@/]*)@/i, (_all, scheme: string, auth: string) => {
    const colon = auth.indexOf(":");
    return colon < 0 ? `${scheme}${auth}@` : `${scheme}${auth.slice(0, colon)}:***@`;
  });
}
