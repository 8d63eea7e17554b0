import { decodeValue, type RedisCodec } from "@redis-interface/core";

/**
 * Decodes every string of a script reply (recursively inside arrays) with `codec`; numbers,
 * nil and anything else are returned unchanged.
 * @throws RedisError `DESERIALIZATION_FAILED` on text the codec cannot read.
 */
export function decodeReply(reply: unknown, codec: RedisCodec, operation: string, key: string | undefined): unknown {
  if (typeof reply === "string" || Buffer.isBuffer(reply)) return decodeValue(codec, reply, { operation, key, typeName: "script reply" });
  if (Array.isArray(reply)) return reply.map((element: unknown) => decodeReply(element, codec, operation, key));
  return reply;
}
