import { describePath, MAX_NESTING_DEPTH, tooDeep, type Trail } from "./encode-trail.js";
import { formatIsoDate } from "./iso-date.js";
import { isEnvelope } from "./typed-json-envelope.js";
import { escapeKey } from "./typed-json-paths.js";

/**
 * Writes a value made only of JSON types as `JSON.stringify` does, and anything else in superjson's
 * wire format (`{"json":…,"meta":{"values":…,"v":1}}`), in one walk. The walk checks every value
 * once and copies only the containers on the way to a special value (BigInt, Date, Map, …); a value
 * without any is handed to `JSON.stringify` as it is, which keeps V8's fast path (no replacer).
 */


/** A path needs JSON escaping when it holds a quote, backslash, control character or surrogate. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** The typed arrays superjson can read back, by constructor name. */
export const TYPED_ARRAYS: Readonly<Record<string, new (values: ArrayLike<number>) => ArrayLike<number>>> = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
};

interface Walk extends Trail {
  /**
   * Annotations of the innermost Map, Set or Error (or the root) as JSON text without the braces
   * (`"path":["type"],…`): written as they are found, so no second `JSON.stringify` is needed.
   */
  scope: string | undefined;
  /** Depth at which the current scope starts (its paths are keys[scopeDepth … depth)). */
  scopeDepth: number;
  /** The annotation of the root value itself (a special root, such as a bare Date or Map). */
  root: string | undefined;
  /** Whether the value needs the envelope (an annotation other than an undefined object property). */
  needsEnvelope: boolean;
}

/**
 * Encodes `value`: `JSON.stringify(value)` when it holds only JSON types (undefined object
 * properties are dropped, as there), else superjson's wire format. A plain object that would read
 * back as an envelope (keys `json` and `meta` only) is wrapped in one (`{"json":…}`).
 * @throws TypeError naming the path for functions, symbols, cycles, invalid Dates, unsupported
 *   typed arrays and nesting deeper than {@link MAX_NESTING_DEPTH}.
 */
export function encodeTypedJson(value: unknown): string {
  const walk: Walk = { keys: [], ancestors: [], scope: undefined, scopeDepth: 0, root: undefined, needsEnvelope: false };
  const json = visit(value, 0, walk);
  if (!walk.needsEnvelope) return plainJson(value);
  const text = JSON.stringify(json);
  if (text === undefined) throw new TypeError("the value has no JSON form");
  const values = walk.root ?? `{${walk.scope}}`;
  return `{"json":${text},"meta":{"values":${values},"v":1}}`;
}

function plainJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError("the value has no JSON form");
  // `{"j…` or `{"m…` first: only then can it be `{"json":…` / `{"meta":…`.
  const third = text.charCodeAt(2);
  if ((third === 0x6a || third === 0x6d) && text.charCodeAt(0) === 0x7b && (text.startsWith('{"json":') || text.startsWith('{"meta":'))) {
    if (isEnvelope(JSON.parse(text))) return `{"json":${text}}`;
  }
  return text;
}

function visit(value: unknown, depth: number, walk: Walk): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (value - value === 0 && (value !== 0 || 1 / value > 0)) {
        if ((value <= Number.MAX_SAFE_INTEGER && value >= -Number.MAX_SAFE_INTEGER) || value >= 1e21 || value <= -1e21) return value;
        // JSON.stringify writes these digits, which read back as a bigint: annotated to stay a number.
        note(walk, depth, '["number"]');
        return String(value);
      }
      note(walk, depth, '["number"]');
      return value !== value ? "NaN" : value === Infinity ? "Infinity" : value === -Infinity ? "-Infinity" : "-0";
    case "bigint":
      note(walk, depth, '["bigint"]');
      return value.toString();
    case "undefined":
      // An undefined object property (its key a string) alone keeps the plain JSON form, which drops
      // it; inside an envelope it is annotated. In an array, a Map, a Set or bare, it needs the envelope.
      return note(walk, depth, '["undefined"]', depth === 0 || typeof walk.keys[depth - 1] === "number");
    case "object":
      return value === null ? null : visitObject(value, depth, walk);
    default:
      throw new TypeError(`cannot encode a ${typeof value} at ${describePath(walk, depth)}`);
  }
}

function visitObject(value: object, depth: number, walk: Walk): unknown {
  if (depth >= MAX_NESTING_DEPTH) throw tooDeep(value, depth, walk);
  walk.ancestors[depth] = value;
  if (Array.isArray(value)) return visitArray(value, depth, walk);
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return visitRecord(value as Record<string, unknown>, depth, walk);
  if (value instanceof Date) {
    const time = value.getTime();
    if (time !== time) throw new TypeError(`cannot encode an invalid Date at ${describePath(walk, depth)}`);
    note(walk, depth, '["Date"]');
    return formatIsoDate(value);
  }
  if (value instanceof Map) return visitScope(mapRows(value), "map", depth, walk);
  if (value instanceof Set) return visitScope([...value], "set", depth, walk);
  if (value instanceof RegExp) {
    note(walk, depth, '["regexp"]');
    return String(value);
  }
  if (ArrayBuffer.isView(value)) return typedArray(value, depth, walk);
  if (value instanceof Error) {
    const fields: Record<string, unknown> = { name: value.name, message: value.message };
    if ("cause" in value) fields.cause = value.cause;
    return visitScope(fields, "Error", depth, walk);
  }
  if (value instanceof URL) {
    note(walk, depth, '["URL"]');
    return value.href;
  }
  // Objects that choose their own JSON form are left to JSON.stringify, as superjson does.
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return value;
  // Other class instances: their own enumerable properties, as JSON.stringify writes them.
  return visitRecord(value as Record<string, unknown>, depth, walk);
}

function visitRecord(record: Record<string, unknown>, depth: number, walk: Walk): unknown {
  let copy: Record<string, unknown> | undefined;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const child = record[key];
    walk.keys[depth] = key;
    const encoded = visit(child, depth + 1, walk);
    if (encoded !== child) {
      // A spread keeps a `__proto__` key as an own property, so the assignment below stays on it.
      copy ??= { ...record };
      copy[key] = encoded;
    }
  }
  return copy ?? record;
}

function visitArray(array: unknown[], depth: number, walk: Walk): unknown {
  let copy: unknown[] | undefined;
  for (let i = 0; i < array.length; i++) {
    const child = array[i];
    // A hole is written as null without annotation, as superjson and JSON.stringify do.
    if (child === undefined && !(i in array)) continue;
    walk.keys[depth] = i;
    const encoded = visit(child, depth + 1, walk);
    if (encoded !== child) {
      copy ??= array.slice();
      copy[i] = encoded;
    }
  }
  return copy ?? array;
}

/** Encodes a fresh container (Map rows, Set items, Error fields) with annotations of its own. */
function visitScope(fresh: unknown[] | Record<string, unknown>, type: string, depth: number, walk: Walk): unknown {
  const outerScope = walk.scope;
  const outerDepth = walk.scopeDepth;
  walk.scope = undefined;
  walk.scopeDepth = depth;
  const encoded = Array.isArray(fresh) ? visitArray(fresh, depth, walk) : visitRecord(fresh, depth, walk);
  const inner = walk.scope;
  walk.scope = outerScope;
  walk.scopeDepth = outerDepth;
  note(walk, depth, inner === undefined ? `["${type}"]` : `["${type}",{${inner}}]`);
  return encoded;
}

function mapRows(map: Map<unknown, unknown>): unknown[] {
  const rows: unknown[] = [];
  for (const entry of map) rows.push([entry[0], entry[1]]);
  return rows;
}

function typedArray(view: ArrayBufferView, depth: number, walk: Walk): unknown {
  const name = view.constructor.name;
  // By name, not identity, so typed arrays from another realm (vm, Jest) pass; Buffer and DataView fail.
  if (!Object.hasOwn(TYPED_ARRAYS, name)) {
    throw new TypeError(`cannot encode a ${name} at ${describePath(walk, depth)}`);
  }
  const numbers = Array.from(view as unknown as ArrayLike<number>);
  if (!numbers.every(Number.isFinite)) {
    throw new TypeError(`cannot encode a ${name} holding NaN or Infinity at ${describePath(walk, depth)}`);
  }
  note(walk, depth, `[["typed-array","${name}"]]`);
  return numbers;
}

/**
 * Records the annotation (JSON text) of the value at `depth` in the current scope; unless
 * `needsEnvelope` is false, the value is written in the envelope.
 * @returns null, the JSON form of an undefined.
 */
function note(walk: Walk, depth: number, annotation: string, needsEnvelope = true): null {
  if (needsEnvelope) walk.needsEnvelope = true;
  if (depth === 0) {
    walk.root = annotation;
    return null;
  }
  let path = "";
  for (let d = walk.scopeDepth; d < depth; d++) {
    const key = walk.keys[d];
    const part = typeof key === "number" ? String(key) : escapeKey(key);
    path = d === walk.scopeDepth ? part : `${path}.${part}`;
  }
  const entry = `${NEEDS_ESCAPE.test(path) ? JSON.stringify(path) : `"${path}"`}:${annotation}`;
  walk.scope = walk.scope === undefined ? entry : `${walk.scope},${entry}`;
  return null;
}
