/**
 * Annotation paths of superjson's wire format: keys joined with `.`, where a `.` or `\` inside a key
 * is escaped with `\` (format version 1). Version 0 (no `meta.v`) escaped dots only.
 */

/** Escapes one key so that joining keys with `.` stays unambiguous. */
export function escapeKey(key: string): string {
  if (key.indexOf(".") === -1 && key.indexOf("\\") === -1) return key;
  return key.replace(/\\/g, "\\\\").replace(/\./g, "\\.");
}

/**
 * Splits a path into its keys.
 * @param legacy format version 0: a `\` only escapes a following `.`.
 * @throws Error on a `\` that escapes nothing (version 1), as superjson does.
 */
export function parsePath(path: string, legacy: boolean): string[] {
  if (path.indexOf("\\") === -1) return path.indexOf(".") === -1 ? [path] : path.split(".");
  const keys: string[] = [];
  let segment = "";
  for (let i = 0; i < path.length; i++) {
    const char = path[i];
    if (char === "\\") {
      const next = path[i + 1];
      if (next === "." || (!legacy && next === "\\")) {
        segment += next;
        i++;
        continue;
      }
      if (!legacy) throw new Error("invalid escape in an annotation path");
    }
    if (char === ".") {
      keys.push(segment);
      segment = "";
      continue;
    }
    segment += char;
  }
  keys.push(segment);
  return keys;
}
