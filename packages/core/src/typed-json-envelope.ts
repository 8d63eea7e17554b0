/** superjson's envelope: `{"json": …}` plus an optional `"meta"` holding only superjson's own keys. */

export function isEnvelope(parsed: unknown): parsed is { json: unknown; meta?: unknown } {
  if (!isRecord(parsed) || !Object.hasOwn(parsed, "json")) return false;
  for (const key in parsed) if (key !== "json" && key !== "meta") return false;
  if (!Object.hasOwn(parsed, "meta")) return true;
  const meta = parsed.meta;
  if (!isRecord(meta)) return false;
  for (const key in meta) if (key !== "values" && key !== "referentialEqualities" && key !== "v") return false;
  return true;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
