/**
 * A strict reader in the manner of Rust's serde_json with `#[derive(Deserialize)]` and
 * `#[serde(deny_unknown_fields)]`: plain JSON only (no superjson envelope), every field named
 * exactly, integers checked against their Rust type (an `i64` is a bare integer token within
 * i64's range, never a float, a string or a rounded double), dates as RFC 3339 strings.
 * Written independently of core's codec: numbers are kept as their source text.
 */

/** The JSON syntax tree, numbers as written. */
type Json = null | boolean | string | { number: string } | Json[] | { object: Map<string, Json> };

/** What a Rust type expects. */
export type Schema =
  | "String"
  | "i64"
  | "u32"
  | "bool"
  | "DateTime"
  | { option: Schema }
  | { vec: Schema }
  | { map: Schema }
  | { struct: Record<string, Schema> }
  | { enum: Record<string, Schema> };

const RANGES = { i64: [-(2n ** 63n), 2n ** 63n - 1n], u32: [0n, 2n ** 32n - 1n] } as const;
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const TOKEN = /[ \t\n\r]*(?:(\{)|(\[)|("(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*")|(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null))/y;
const PUNCTUATION = /[ \t\n\r]*([,:\]}])/y;

/**
 * Reads `text` as the Rust type `schema` describes.
 * @returns the value, `i64`/`u32` as bigint, `DateTime` as its string, `Option::None` as null.
 * @throws Error naming the path and what a serde_json reader would refuse.
 */
export function readAs(text: string, schema: Schema): unknown {
  const reader = { text, at: 0 };
  const tree = parseValue(reader);
  if (reader.text.slice(reader.at).trim() !== "") throw new Error("trailing characters");
  return convert(tree, schema, "$");
}

function parseValue(reader: { text: string; at: number }): Json {
  TOKEN.lastIndex = reader.at;
  const match = TOKEN.exec(reader.text);
  if (match === null) throw new Error(`invalid JSON at ${reader.at}`);
  reader.at = TOKEN.lastIndex;
  if (match[3] !== undefined) return JSON.parse(match[3]) as string;
  if (match[4] !== undefined) return { number: match[4] };
  if (match[5] !== undefined) return JSON.parse(match[5]) as boolean | null;
  const object = match[1] !== undefined;
  const items: Json[] = [];
  const fields = new Map<string, Json>();
  if (punctuation(reader, object ? "}" : "]", true)) return object ? { object: fields } : items;
  do {
    if (object) {
      const key = parseValue(reader);
      if (typeof key !== "string") throw new Error("an object key is not a string");
      if (fields.has(key)) throw new Error(`duplicate field \`${key}\``);
      punctuation(reader, ":");
      fields.set(key, parseValue(reader));
    } else {
      items.push(parseValue(reader));
    }
  } while (punctuation(reader, ",", true));
  punctuation(reader, object ? "}" : "]");
  return object ? { object: fields } : items;
}

/** Consumes `expected` (or, when `optional`, tells whether it is next without failing). */
function punctuation(reader: { text: string; at: number }, expected: string, optional = false): boolean {
  PUNCTUATION.lastIndex = reader.at;
  const match = PUNCTUATION.exec(reader.text);
  if (match?.[1] === expected) {
    reader.at = PUNCTUATION.lastIndex;
    return true;
  }
  if (optional) return false;
  throw new Error(`expected \`${expected}\` at ${reader.at}`);
}

function convert(tree: Json, schema: Schema, path: string): unknown {
  if (typeof schema === "string") return scalar(tree, schema, path);
  if ("option" in schema) return tree === null ? null : convert(tree, schema.option, path);
  if ("vec" in schema) {
    if (!Array.isArray(tree)) throw new Error(`${path}: invalid type, expected a sequence`);
    return tree.map((item, index) => convert(item, schema.vec, `${path}[${index}]`));
  }
  const object = fieldsOf(tree, path);
  if ("map" in schema) return Object.fromEntries([...object].map(([key, item]) => [key, convert(item, schema.map, `${path}.${key}`)]));
  if ("enum" in schema) {
    // serde's default (externally tagged) enum: `{"Variant": content}`.
    const [variant, ...rest] = [...object.keys()];
    if (variant === undefined || rest.length > 0 || !Object.hasOwn(schema.enum, variant)) throw new Error(`${path}: unknown variant`);
    return { [variant]: convert(object.get(variant) as Json, schema.enum[variant], `${path}.${variant}`) };
  }
  const result: Record<string, unknown> = {};
  for (const key of object.keys()) if (!Object.hasOwn(schema.struct, key)) throw new Error(`${path}: unknown field \`${key}\``);
  for (const [key, field] of Object.entries(schema.struct)) {
    const present = object.has(key);
    if (!present && !(typeof field === "object" && "option" in field)) throw new Error(`${path}: missing field \`${key}\``);
    result[key] = present ? convert(object.get(key) as Json, field, `${path}.${key}`) : null;
  }
  return result;
}

function fieldsOf(tree: Json, path: string): Map<string, Json> {
  if (tree === null || typeof tree !== "object" || Array.isArray(tree) || !("object" in tree)) throw new Error(`${path}: invalid type, expected a map`);
  return tree.object;
}

function scalar(tree: Json, schema: "String" | "i64" | "u32" | "bool" | "DateTime", path: string): unknown {
  switch (schema) {
    case "String":
      if (typeof tree !== "string") throw new Error(`${path}: invalid type, expected a string`);
      return tree;
    case "bool":
      if (typeof tree !== "boolean") throw new Error(`${path}: invalid type, expected a boolean`);
      return tree;
    case "DateTime":
      if (typeof tree !== "string" || !RFC_3339.test(tree)) throw new Error(`${path}: expected an RFC 3339 date-time`);
      return tree;
    default: {
      if (tree === null || typeof tree !== "object" || !("number" in tree) || !/^-?(0|[1-9]\d*)$/.test(tree.number)) {
        throw new Error(`${path}: invalid type, expected ${schema}`);
      }
      const value = BigInt(tree.number);
      const [min, max] = RANGES[schema];
      if (value < min || value > max) throw new Error(`${path}: invalid value, integer out of range for ${schema}`);
      return value;
    }
  }
}
