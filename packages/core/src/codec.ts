import { assertEncodable } from "./assert-encodable.js";
import { parseJsonLossless } from "./lossless-json.js";
import { encodeSerdeJson } from "./serde-encode.js";
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
 * The default codec. A value made only of JSON types (objects, arrays, strings, finite numbers,
 * booleans, null) is written as exactly `JSON.stringify`'s bytes, so any JSON reader (Rust's
 * serde_json, Hyperswitch) reads it; a value holding `Date`, `BigInt`, `Map`, `Set`, `undefined` in
 * an array (or bare), `RegExp`, `NaN`/`±Infinity`/`-0`, a number beyond 2^53, `Error`, `URL` or a
 * typed array, nested anywhere, is written in superjson's wire format
 * (`{"json":…,"meta":{"values":…}}`), by core's own single-pass encoder, so `superjson.parse` reads
 * it. So is a plain object whose keys are only `json` and `meta`, which would otherwise read back as
 * an envelope. Undefined object properties are dropped, as `JSON.stringify` does, unless the value
 * is written in the envelope anyway.
 * Decoding reads both forms: superjson's envelope (also as written by `superjson.stringify` and by
 * earlier versions) and any other JSON as that JSON, integers beyond ±(2^53 - 1) as `bigint`
 * (never rounded). Text that is not JSON fails.
 * Encoding throws for functions, symbols, cycles, invalid Dates and nesting deeper than 1000 levels.
 */
export const superjsonCodec: RedisCodec = {
  name: "superjson",
  encode: encodeTypedJson,
  decode: decodeTypedJson,
};

/**
 * Plain JSON: `JSON.stringify`, no rich types (`BigInt` fails, `Date` becomes a string). Decoding
 * reads integers beyond ±(2^53 - 1) as `bigint`, never rounded.
 */
export const jsonCodec: RedisCodec = {
  name: "json",
  encode(value) {
    assertEncodable(value);
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`a top-level ${typeof value} has no JSON form`);
    return text;
  },
  decode: parseJsonLossless,
};

/**
 * What Rust's `serde_json` reads (for keys and channels shared with Rust services such as
 * Hyperswitch): plain JSON, a `bigint` as a bare integer (`i64`/`u64`/`i128`/`u128`), a `Date` as an
 * RFC 3339 string, a `Map` with string keys as an object, a `Set` as an array; a value of JSON types
 * only is exactly `JSON.stringify`'s bytes. Encoding throws for what serde_json cannot read back
 * (NaN, ±Infinity, a non-string Map key, RegExp, Error, typed arrays, functions, symbols, cycles,
 * a bare undefined). Decoding is plain JSON (no envelope is interpreted), integers beyond
 * ±(2^53 - 1) as `bigint`; dates stay strings.
 */
export const serdeCodec: RedisCodec = {
  name: "serde",
  encode: encodeSerdeJson,
  decode: parseJsonLossless,
};

/** The codec names accepted by the `codec` setting. */
export const BUILT_IN_CODECS: Readonly<Record<string, RedisCodec>> = {
  superjson: superjsonCodec,
  json: jsonCodec,
  serde: serdeCodec,
};

/** A codec by name (`"superjson"`, the default; `"json"`; `"serde"`) or your own codec object. */
export type CodecChoice = "superjson" | "json" | "serde" | RedisCodec;
