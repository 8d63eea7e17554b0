/**
 * Reading the replies of the group commands: ioredis hands RESP3 maps over flat
 * (`[name, value, …]`, its default mapping), as pairs, a `Map` or a plain object; numbers may
 * come as integers or numeric strings, strings as Buffers.
 */

/** A map reply as a `Map`, in any of the shapes above. */
export function toFieldMap(raw: unknown): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  if (raw instanceof Map) {
    for (const [name, value] of raw as Map<unknown, unknown>) fields.set(String(name), value);
  } else if (Array.isArray(raw)) {
    const items = raw as unknown[];
    if (items.every((item) => Array.isArray(item) && item.length === 2)) {
      for (const item of items as Array<[unknown, unknown]>) fields.set(String(item[0]), item[1]);
    } else {
      for (let index = 0; index + 1 < items.length; index += 2) fields.set(String(items[index]), items[index + 1]);
    }
  } else if (typeof raw === "object" && raw !== null) {
    for (const [name, value] of Object.entries(raw)) fields.set(name, value);
  }
  return fields;
}

/** A reply value as a string (strings, Buffers, numbers), else null. */
export function asString(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (Buffer.isBuffer(value)) return value.toString();
  if (typeof value === "number") return String(value);
  return null;
}

/** A reply value as a number (integers, numeric strings), else null (nil replies). */
export function asNumber(value: unknown): number | null {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  const text = asString(value);
  if (text === null || text.trim() === "") return null;
  const number = Number(text);
  return Number.isFinite(number) ? number : null;
}
