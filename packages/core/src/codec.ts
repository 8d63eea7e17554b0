import superjson from "superjson";

/**
 * Turns application values into the strings stored in Redis and back.
 * `encode` may throw on values it cannot represent; `decode` on text it cannot read.
 */
export interface RedisCodec {
  /** Short name used in error messages and settings (`'superjson'`, `'json'`, ...). */
  readonly name: string;
  encode(value: unknown): string;
  decode(text: string): unknown;
}

type SuperJSONResult = Parameters<typeof superjson.deserialize>[0];

/** superjson's output is `{"json": …}` with an optional `"meta"`, and nothing else. */
function isSuperjsonEnvelope(parsed: unknown): parsed is SuperJSONResult {
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return false;
  const keys = Object.keys(parsed);
  return keys.includes("json") && keys.every((key) => key === "json" || key === "meta");
}

/**
 * The default codec: superjson keeps `Date`, `BigInt`, `Map`, `Set`, `undefined`, `RegExp` intact.
 * Decoding also reads plain JSON that is not a superjson envelope (values written by other
 * services, such as Hyperswitch's serde_json) as that JSON; superjson.parse would return
 * `undefined` for it. Text that is not JSON fails.
 */
export const superjsonCodec: RedisCodec = {
  name: "superjson",
  encode(value) {
    assertEncodable(value);
    return superjson.stringify(value);
  },
  decode(text) {
    const parsed: unknown = JSON.parse(text);
    return isSuperjsonEnvelope(parsed) ? superjson.deserialize(parsed) : parsed;
  },
};

/** Plain JSON: smallest output, no rich types (`BigInt` fails, `Date` becomes a string). */
export const jsonCodec: RedisCodec = {
  name: "json",
  encode(value) {
    assertEncodable(value);
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`a top-level ${typeof value} has no JSON form`);
    return text;
  },
  decode(text) {
    return JSON.parse(text);
  },
};

/** The codec names accepted by the `codec` setting. */
export const BUILT_IN_CODECS: Readonly<Record<string, RedisCodec>> = {
  superjson: superjsonCodec,
  json: jsonCodec,
};

/**
 * Rejects what no JSON-based codec can store faithfully (functions, symbols) and cycles,
 * which superjson would otherwise drop or stringify silently.
 */
function assertEncodable(value: unknown): void {
  const seen = new Set<object>();
  const visit = (current: unknown, path: string): void => {
    const type = typeof current;
    if (type === "function" || type === "symbol") throw new TypeError(`cannot encode a ${type} at ${path}`);
    if (type !== "object" || current === null) return;
    const object = current as object;
    if (seen.has(object)) throw new TypeError(`cannot encode a circular reference at ${path}`);
    seen.add(object);
    if (object instanceof Map) {
      for (const [k, v] of object) {
        visit(k, `${path}<key>`);
        visit(v, `${path}.get(…)`);
      }
    } else if (object instanceof Set || Array.isArray(object)) {
      let index = 0;
      for (const item of object as Iterable<unknown>) visit(item, `${path}[${index++}]`);
    } else if (!(object instanceof Date) && !(object instanceof RegExp) && !ArrayBuffer.isView(object)) {
      for (const k of Object.keys(object)) visit((object as Record<string, unknown>)[k], `${path}.${k}`);
    }
    seen.delete(object);
  };
  visit(value, "value");
}
