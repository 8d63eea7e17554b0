/**
 * The pub/sub invalidation message, in Hyperswitch's shape (`CacheRedact { tenant, kind }`,
 * serialized by serde): `{"tenant":"<view prefix>","kind":{"All":"<key>"}}` for one key, and
 * `{"tenant":"<view prefix>","kind":"Clear"}` for `clear()`. A Rust service publishing
 * `{"tenant":…,"kind":{"<AnyVariant>":"<key>"}}` on the same channel invalidates `<key>`.
 */
export type Published = { readonly clear: true } | { readonly key: string };

/** The message that drops `key` (the caller's name) in every cache under `tenant`. */
export function keyMessage(tenant: string, key: string): string {
  return JSON.stringify({ tenant, kind: { All: key } });
}

/** The message that empties every cache under `tenant`. */
export function clearMessage(tenant: string): string {
  return JSON.stringify({ tenant, kind: "Clear" });
}

/** What a message asks of a cache under `tenant`, or undefined for another tenant's or an unreadable one. */
export function parsePublished(text: string, tenant: string): Published | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const message = parsed as { tenant?: unknown; kind?: unknown };
  if (message.tenant !== tenant) return undefined;
  if (message.kind === "Clear") return { clear: true };
  if (typeof message.kind !== "object" || message.kind === null) return undefined;
  const key = Object.values(message.kind)[0];
  return typeof key === "string" && key !== "" ? { key } : undefined;
}
