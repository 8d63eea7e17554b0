/**
 * Where an encoder is inside a value, to name the place of what it refuses (`value.a.b[0]`) and
 * to tell a cycle from deep nesting once the depth limit is hit.
 */

/** Containers nested deeper than this fail instead of overflowing the stack. */
export const MAX_NESTING_DEPTH = 1000;

export interface Trail {
  /** keys[d] is the key (or index) under which the value at depth d + 1 sits. */
  keys: (string | number)[];
  /** ancestors[d] is the container at depth d, to name a cycle once the depth limit is hit. */
  ancestors: object[];
}

/** The error for a container at the depth limit: a circular reference if it is its own ancestor. */
export function tooDeep(value: object, depth: number, walk: Trail): TypeError {
  const chain = new Set<object>();
  for (let d = 0; d <= depth; d++) {
    const container = d === depth ? value : walk.ancestors[d];
    if (chain.has(container)) return new TypeError(`cannot encode a circular reference at ${describePath(walk, d)}`);
    chain.add(container);
  }
  return new TypeError(`cannot encode values nested deeper than ${MAX_NESTING_DEPTH} levels at ${describePath(walk, depth)}`);
}

/** `value.a.b[0]`, shortened in the middle for deep paths. */
export function describePath(walk: Trail, depth: number): string {
  const parts: string[] = [];
  for (let d = 0; d < depth; d++) {
    if (depth > 12 && d === 4) {
      parts.push("…");
      d = depth - 5;
      continue;
    }
    const key = walk.keys[d];
    parts.push(typeof key === "number" ? `[${key}]` : `.${key}`);
  }
  return `value${parts.join("")}`;
}
