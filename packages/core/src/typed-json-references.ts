import { parsePath } from "./typed-json-paths.js";

/**
 * superjson's `referentialEqualities`: paths that hold the same object as another path (shared
 * objects and cycles, which superjson writes as `null` plus such a reference). Paths step into a
 * Set by position and into a Map by row, then `0` for the key or `1` for the value.
 */

/**
 * Makes every listed path hold the very object found at its representative path.
 * @throws Error when a path does not exist in the value.
 */
export function applyReferences(root: unknown, references: unknown, legacy: boolean): unknown {
  const paths = (list: unknown): string[][] => {
    if (!Array.isArray(list) || !list.every((path) => typeof path === "string")) throw new Error("malformed references");
    return list.map((path: string) => parsePath(path, legacy));
  };
  const applyAll = (byRepresentative: unknown): void => {
    if (typeof byRepresentative !== "object" || byRepresentative === null || Array.isArray(byRepresentative)) {
      throw new Error("malformed references");
    }
    for (const [representative, identical] of Object.entries(byRepresentative)) {
      const shared = getDeep(root, parsePath(representative, legacy));
      for (const path of paths(identical)) root = setDeep(root, path, shared);
    }
  };
  if (Array.isArray(references)) {
    // [pathsToTheRoot] or [pathsToTheRoot, byRepresentative]
    const target = root;
    for (const path of paths(references[0])) root = setDeep(root, path, target);
    if (references[1] !== undefined) applyAll(references[1]);
  } else {
    applyAll(references);
  }
  return root;
}

function getDeep(root: unknown, keys: string[]): unknown {
  let current = root;
  for (let i = 0; i < keys.length; i++) {
    if (current instanceof Map) {
      const entry = nth(current.entries(), current.size, keys[i]) as [unknown, unknown];
      current = entry[keyOrValue(keys[++i])];
    } else if (current instanceof Set) {
      current = nth(current.values(), current.size, keys[i]);
    } else {
      current = own(current, keys[i]);
    }
  }
  return current;
}

function setDeep(root: unknown, keys: string[], value: unknown): unknown {
  if (keys.length === 0) return value;
  let parent = root;
  let i = 0;
  for (;;) {
    const remaining = keys.length - i;
    if (parent instanceof Map) {
      if (remaining < 2) throw new Error("a reference path does not match the value");
      const [key, current] = nth(parent.entries(), parent.size, keys[i]) as [unknown, unknown];
      const side = keyOrValue(keys[i + 1]);
      if (remaining === 2) {
        if (side === 1) parent.set(key, value);
        else if (value !== key) {
          parent.delete(key);
          parent.set(value, current);
        }
        return root;
      }
      parent = side === 0 ? key : current;
      i += 2;
    } else if (parent instanceof Set) {
      const item = nth(parent.values(), parent.size, keys[i]);
      if (remaining === 1) {
        if (item !== value) {
          parent.delete(item);
          parent.add(value);
        }
        return root;
      }
      parent = item;
      i++;
    } else {
      if (remaining === 1) {
        own(parent, keys[i]);
        (parent as Record<string, unknown>)[keys[i]] = value;
        return root;
      }
      parent = own(parent, keys[i]);
      i++;
    }
  }
}

/** An own element or property only: a path never reaches a prototype. */
function own(parent: unknown, key: string): unknown {
  if (typeof parent === "object" && parent !== null && Object.hasOwn(parent, key)) {
    return (parent as Record<string, unknown>)[key];
  }
  throw new Error("a reference path does not match the value");
}

function nth(items: Iterator<unknown>, size: number, key: string): unknown {
  const index = Number(key);
  if (!Number.isInteger(index) || index < 0 || index >= size) throw new Error("a reference path does not match the value");
  for (let i = 0; i < index; i++) items.next();
  return items.next().value;
}

function keyOrValue(key: string | undefined): 0 | 1 {
  if (key === "0") return 0;
  if (key === "1") return 1;
  throw new Error("a reference path does not match the value");
}
