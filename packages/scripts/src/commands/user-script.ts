import { decodeValue, scriptCommand, type LuaScript, type RedisCodec, type RedisCommand } from "@redis-interface/core";
import type { ScriptArg, ScriptDecode } from "../types.js";

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

/**
 * A caller's script: `EVALSHA sha numkeys key… arg…` (core re-sends it as `EVAL` on NOSCRIPT).
 * The reply as Redis gave it, or with `decode: 'codec'` every string of it decoded with the
 * connection's codec (errors name `operation` and the first key).
 */
export function USER_SCRIPT<T>(script: LuaScript, keys: readonly string[], args: readonly ScriptArg[], decode: ScriptDecode, operation: string): RedisCommand<T> {
  if (decode === "raw") return scriptCommand<T>(script, keys, args);
  const key = keys[0];
  return scriptCommand(script, keys, args, (reply, through) => decodeReply(reply, through.codec, operation, key) as T);
}
