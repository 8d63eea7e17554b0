import { MAX_NESTING_DEPTH } from "./encode-trail.js";
import { parseIsoDate } from "./iso-date.js";
import { holdsUnsafeNumber, parseWithBigIntegers } from "./lossless-json.js";
import { TYPED_ARRAYS } from "./typed-json-encode.js";
import { isEnvelope, isRecord } from "./typed-json-envelope.js";
import { applyReferences } from "./typed-json-references.js";
import { parsePath } from "./typed-json-paths.js";

/**
 * Reads superjson's wire format, and any other JSON as that JSON. The text is parsed once
 * (`JSON.parse`, and again by the lossless parser when plain JSON holds an integer beyond 2^53); only the annotated
 * places are then visited by path.
 */

/**
 * Decodes text written by {@link encodeTypedJson} or by `superjson.stringify`; text that is JSON but
 * not a superjson envelope comes back as that JSON, its integers beyond ±(2^53 - 1) as `bigint`.
 * @throws SyntaxError for text that is not JSON; Error for an envelope whose annotations do not
 *   match its value or name a type this codec cannot build.
 */
export function decodeTypedJson(text: string): unknown {
  const parsed: unknown = JSON.parse(text);
  // An envelope's numbers were JS numbers written by JSON.stringify (its bigints are annotated strings).
  if (!isEnvelope(parsed)) return holdsUnsafeNumber(parsed) ? parseWithBigIntegers(text) : parsed;
  const meta = parsed.meta as Record<string, unknown> | undefined;
  if (meta === undefined) return parsed.json;
  const legacy = !(typeof meta.v === "number" && meta.v >= 1);
  let value = parsed.json;
  if (meta.values !== undefined) value = applyAnnotation(value, meta.values, legacy, 0);
  if (meta.referentialEqualities !== undefined) value = applyReferences(value, meta.referentialEqualities, legacy);
  return value;
}

/** Applies one annotation (`[type]`, `[type, inner]` or `{path: annotation}`) to `value`. */
function applyAnnotation(value: unknown, annotation: unknown, legacy: boolean, depth: number): unknown {
  if (depth > MAX_NESTING_DEPTH) throw new Error(`annotations nested deeper than ${MAX_NESTING_DEPTH} levels`);
  if (Array.isArray(annotation)) {
    if (annotation.length === 2) value = applyScope(value, annotation[1], legacy, depth);
    else if (annotation.length !== 1) throw new Error("malformed annotation");
    return build(value, annotation[0]);
  }
  return applyScope(value, annotation, legacy, depth);
}

function applyScope(base: unknown, scope: unknown, legacy: boolean, depth: number): unknown {
  if (!isRecord(scope)) throw new Error("malformed annotation");
  for (const path of Object.keys(scope)) {
    let parent = base;
    let last: string;
    if (path.indexOf("\\") === -1) {
      // No escapes (the common case): step from dot to dot without building an array of keys.
      let start = 0;
      for (let dot = path.indexOf("."); dot !== -1; dot = path.indexOf(".", start)) {
        parent = child(parent, path.slice(start, dot));
        start = dot + 1;
      }
      last = start === 0 ? path : path.slice(start);
    } else {
      const keys = parsePath(path, legacy);
      for (let i = 0; i < keys.length - 1; i++) parent = child(parent, keys[i]);
      last = keys[keys.length - 1];
    }
    (parent as Record<string, unknown>)[last] = applyAnnotation(child(parent, last), scope[path], legacy, depth + 1);
  }
  return base;
}

/** The own element or property `key` of a parsed array or object (never an inherited one). */
function child(parent: unknown, key: string): unknown {
  if (Array.isArray(parent)) {
    const index = Number(key);
    if (Number.isInteger(index) && index >= 0 && index < parent.length && String(index) === key) return parent[index];
  } else if (isRecord(parent) && Object.hasOwn(parent, key)) {
    return parent[key];
  }
  throw new Error("an annotation path does not match the value");
}

/** Turns the JSON form of one annotated value back into the value. */
function build(json: unknown, type: unknown): unknown {
  switch (type) {
    case "undefined":
      return undefined;
    case "bigint":
      return BigInt(expectString(json, type));
    case "Date": {
      const date = parseIsoDate(expectString(json, type));
      if (Number.isNaN(date.getTime())) throw new Error("an annotated Date is not a valid date");
      return date;
    }
    case "number": {
      const text = expectString(json, type);
      if (text === "NaN" || text === "Infinity" || text === "-Infinity" || text === "-0") return Number(text);
      // An integer beyond 2^53 held by a number (not a bigint): written as text so that it reads back as a number.
      if (/^-?[1-9]\d{15,20}$/.test(text) && !Number.isSafeInteger(Number(text))) return Number(text);
      throw new Error("malformed number");
    }
    case "regexp": {
      const text = expectString(json, type);
      const end = text.lastIndexOf("/");
      if (text[0] !== "/" || end < 1) throw new Error("malformed regexp");
      return new RegExp(text.slice(1, end), text.slice(end + 1));
    }
    case "set":
      return new Set(expectArray(json, type));
    case "map":
      return new Map(expectArray(json, type).map((row) => expectArray(row, "map entry") as [unknown, unknown]));
    case "Error": {
      if (!isRecord(json)) throw new Error("malformed Error");
      const error = new Error(String(json.message), Object.hasOwn(json, "cause") ? { cause: json.cause } : undefined);
      error.name = String(json.name);
      return error;
    }
    case "URL":
      return new URL(expectString(json, type));
  }
  if (Array.isArray(type) && type[0] === "typed-array" && Object.hasOwn(TYPED_ARRAYS, type[1])) {
    return new TYPED_ARRAYS[type[1] as string](expectArray(json, "typed array") as number[]);
  }
  throw new Error(
    `unknown superjson type ${JSON.stringify(type)} (registered classes, symbols and custom transformers are not supported)`,
  );
}

function expectString(json: unknown, type: string): string {
  if (typeof json !== "string") throw new Error(`an annotated ${type} is not a string`);
  return json;
}

function expectArray(json: unknown, type: string): unknown[] {
  if (!Array.isArray(json)) throw new Error(`an annotated ${type} is not an array`);
  return json;
}
