import { createHash } from "node:crypto";

/**
 * The fingerprint of a request: SHA-256 (hex) of `METHOD`, a newline, the URL (path and query as
 * received), a newline and the body's bytes. A body already parsed into an object or array (a
 * JSON body parser) is written as canonical JSON: object keys sorted, no whitespace, so the same
 * JSON with keys in another order or other spacing is the same request. A string is its UTF-8
 * bytes, a Buffer or Uint8Array its bytes, no body (undefined or null) nothing.
 */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  const hash = createHash("sha256").update(method.toUpperCase()).update("\n").update(url).update("\n");
  if (body === undefined || body === null) return hash.digest("hex");
  if (typeof body === "string" || body instanceof Uint8Array) return hash.update(body).digest("hex");
  return hash.update(canonicalJson(body)).digest("hex");
}

/** JSON with every object's keys sorted (arrays keep their order); what JSON.stringify drops is dropped. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== "object" || Array.isArray(item)) return item;
    const sorted: Record<string, unknown> = {};
    for (const name of Object.keys(item).sort()) sorted[name] = (item as Record<string, unknown>)[name];
    return sorted;
  }) ?? "";
}
