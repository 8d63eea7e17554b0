/**
 * Rejects what no JSON-based codec can store faithfully (functions, symbols) and cycles,
 * which `JSON.stringify` would otherwise drop or fail on without naming the place.
 * @throws TypeError naming the path (`value.a.b[0]`).
 */
export function assertEncodable(value: unknown): void {
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
