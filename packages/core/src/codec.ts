import { assertEncodable } from "./assert-encodable.js";
import { decodeTypedJson } from "./typed-json-decode.js";
import { encodeTypedJson } from "./typed-json-encode.js";

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

/**
 * The default codec: superjson's wire format (`{"json":…,"meta":{"values":…}}`), written and read
 * by core's own single-pass encoder, so `superjson.parse` reads what it writes and it reads what
 * `superjson.stringify` writes. Keeps `Date`, `BigInt`, `Map`, `Set`, `undefined`, `RegExp`,
 * `NaN`/`±Infinity`/`-0`, `Error`, `URL` and typed arrays, nested anywhere. A value without any of
 * these is written as plain `JSON.stringify` output inside `{"json":…}`.
 * Decoding also reads plain JSON that is not a superjson envelope (values written by other
 * services, such as Hyperswitch's serde_json) as that JSON. Text that is not JSON fails.
 * Encoding throws for functions, symbols, cycles, invalid Dates and nesting deeper than 1000 levels.
 */
export const superjsonCodec: RedisCodec = {
  name: "superjson",
  encode: encodeTypedJson,
  decode: decodeTypedJson,
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
