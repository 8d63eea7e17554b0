import { describePath, MAX_NESTING_DEPTH, tooDeep, type Trail } from "./encode-trail.js";
import { formatIsoDate } from "./iso-date.js";

/**
 * Writes the JSON that Rust's `serde_json` reads into the matching types: a `bigint` as a bare
 * integer (`i64`, `u64`, `i128`, `u128`), a `Date` as an RFC 3339 string (`chrono`, `time`), a `Map`
 * with string keys as an object (`HashMap<String, _>`), a `Set` as an array. Everything else as
 * `JSON.stringify` writes it; a value that holds none of these is exactly its output.
 */

const I128_MIN = -(2n ** 127n);
const U128_MAX = 2n ** 128n - 1n;

/**
 * Encodes `value` for `serde_json`.
 * @throws TypeError naming the path for what serde_json cannot read back as the same value: NaN and
 *   ±Infinity, a bigint outside i128/u128, a Date outside years 0–9999 or invalid, a Map key that is
 *   not a string, RegExp, Error, typed arrays and Buffers, functions, symbols, a bare undefined,
 *   cycles and nesting deeper than {@link MAX_NESTING_DEPTH}.
 */
export function encodeSerdeJson(value: unknown): string {
  const trail: Trail = { keys: [], ancestors: [] };
  const text = write(value, 0, trail);
  if (text === undefined) throw new TypeError("an undefined value has no serde_json form");
  return text;
}

/** The JSON text of `value`, or undefined for `undefined` (left out of objects, null in arrays). */
function write(value: unknown, depth: number, trail: Trail): string | undefined {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (value - value !== 0) throw refuse(`${value}`, depth, trail);
      return JSON.stringify(value);
    case "bigint":
      if (value < I128_MIN || value > U128_MAX) throw refuse("a BigInt outside i128 and u128", depth, trail);
      return value.toString();
    case "undefined":
      return undefined;
    case "object":
      return value === null ? "null" : writeObject(value, depth, trail);
    default:
      throw refuse(`a ${typeof value}`, depth, trail);
  }
}

function writeObject(value: object, depth: number, trail: Trail): string | undefined {
  if (depth >= MAX_NESTING_DEPTH) throw tooDeep(value, depth, trail);
  trail.ancestors[depth] = value;
  if (Array.isArray(value)) return writeItems(value, depth, trail);
  if (value instanceof Date) {
    const year = value.getUTCFullYear();
    if (!(year >= 0 && year <= 9999)) throw refuse("a Date outside years 0–9999 (RFC 3339) or an invalid Date", depth, trail);
    return `"${formatIsoDate(value)}"`;
  }
  if (value instanceof RegExp || value instanceof Error || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    throw refuse(`a ${value.constructor.name}`, depth, trail);
  }
  if (value instanceof Map) return writeMap(value, depth, trail);
  if (value instanceof Set) return writeItems([...value], depth, trail);
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") {
    const key = depth === 0 ? "" : String(trail.keys[depth - 1]);
    // One level deeper, so a toJSON that returns its own object ends at the depth limit.
    trail.keys[depth] = "toJSON()";
    return write(toJSON.call(value, key), depth + 1, trail);
  }
  // Other class instances: their own enumerable properties, as JSON.stringify writes them.
  return writeRecord(value as Record<string, unknown>, depth, trail);
}

function writeItems(items: readonly unknown[], depth: number, trail: Trail): string {
  let text = "[";
  for (let i = 0; i < items.length; i++) {
    trail.keys[depth] = i;
    text += `${i === 0 ? "" : ","}${write(items[i], depth + 1, trail) ?? "null"}`;
  }
  return `${text}]`;
}

function writeRecord(record: Record<string, unknown>, depth: number, trail: Trail): string {
  let text = "";
  for (const key of Object.keys(record)) {
    trail.keys[depth] = key;
    const field = write(record[key], depth + 1, trail);
    if (field !== undefined) text += `${text === "" ? "" : ","}${JSON.stringify(key)}:${field}`;
  }
  return `{${text}}`;
}

function writeMap(map: Map<unknown, unknown>, depth: number, trail: Trail): string {
  let text = "";
  for (const [key, item] of map) {
    if (typeof key !== "string") throw refuse(`a Map key that is not a string (${typeof key})`, depth, trail);
    trail.keys[depth] = key;
    const field = write(item, depth + 1, trail);
    if (field !== undefined) text += `${text === "" ? "" : ","}${JSON.stringify(key)}:${field}`;
  }
  return `{${text}}`;
}

function refuse(what: string, depth: number, trail: Trail): TypeError {
  return new TypeError(`serde_json cannot hold ${what} at ${describePath(trail, depth)}`);
}
