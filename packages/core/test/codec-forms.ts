/** Test helpers: which form the default codec wrote, and what a plain-JSON form reads back as. */

/** Whether `text` is superjson's envelope (`{"json":…}` plus an optional `"meta"`), else plain JSON. */
export function isEnvelopeText(text: string): boolean {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return false;
  return Object.hasOwn(parsed, "json") && Object.keys(parsed).every((key) => key === "json" || key === "meta");
}

/** `value` without its undefined object properties, as JSON.stringify leaves them out (own `__proto__` keys kept). */
export function withoutUndefinedProperties(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefinedProperties);
  if (typeof value !== "object" || value === null) return value;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    Object.defineProperty(copy, key, { value: withoutUndefinedProperties(item), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** Whether `value` holds a number JSON writes as more than 2^53 in digits (superjson leaves it bare; the codec annotates it). */
export function holdsBigDouble(value: unknown): boolean {
  if (typeof value === "number") return Math.abs(value) > Number.MAX_SAFE_INTEGER && Math.abs(value) < 1e21;
  if (value instanceof Map) return [...value].some(([key, item]) => holdsBigDouble(key) || holdsBigDouble(item));
  if (value instanceof Set || Array.isArray(value)) return [...value].some(holdsBigDouble);
  if (typeof value === "object" && value !== null && !ArrayBuffer.isView(value)) return Object.values(value).some(holdsBigDouble);
  return false;
}
