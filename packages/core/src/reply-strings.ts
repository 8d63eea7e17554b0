/**
 * A reply as ioredis hands it to a command with `replyEncoding: "utf8"`: every bulk string (a
 * `Buffer` from the decoder) as a UTF-8 string, inside arrays and RESP3 maps too; numbers, nulls
 * and errors unchanged. The same conversion as ioredis's `convertBufferToString`, which is not
 * part of its public API.
 */
export function utf8Reply(reply: unknown): unknown {
  if (reply instanceof Buffer) return reply.toString();
  if (Array.isArray(reply)) {
    const strings = new Array<unknown>(reply.length);
    for (let index = 0; index < reply.length; index++) strings[index] = utf8Reply(reply[index]);
    return strings;
  }
  if (isPlainObject(reply)) {
    const strings: Record<string, unknown> = {};
    for (const name of Object.keys(reply)) {
      // a field named "__proto__" stays a field (assignment would replace the prototype)
      Object.defineProperty(strings, name, { value: utf8Reply(reply[name]), enumerable: true, writable: true, configurable: true });
    }
    return strings;
  }
  return reply;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
