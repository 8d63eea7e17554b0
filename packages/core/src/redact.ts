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

/** A URL with any password replaced by `***`, safe to put in an error message. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z0-9+.-]+:\/\/)([^@/]*)@/i, (_all, scheme: string, auth: string) => {
    const colon = auth.indexOf(":");
    return colon < 0 ? `${scheme}${auth}@` : `${scheme}${auth.slice(0, colon)}:***@`;
  });
}
