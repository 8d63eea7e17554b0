import { luaScript, type RedisConnection } from "@redis-interface/core";
import { runLua } from "./run.js";
import type { DefinedScript, ScriptDefinition } from "./types.js";
import { assertArgs, assertIntegerAtLeast, assertKeys, assertScript, invalid } from "./validate.js";

/**
 * Prepares a script (SHA1 computed once) and returns a function that runs it with
 * `EVALSHA sha numkeys key… arg…`, falling back to `EVAL` on NOSCRIPT (first use, SCRIPT FLUSH,
 * restart, a new cluster node). Keys go through the connection's prefix.
 * @returns `(keys, args) => Promise<T>`; its reply is decoded as in `evaluateRedisScript`.
 * @throws RedisError `INVALID_ARGUMENT` at once for a bad definition; the returned function throws
 *   `INVALID_ARGUMENT` when `keys.length !== numberOfKeys` (before any I/O), `CROSS_SLOT`,
 *   `SCRIPT_FAILED`, `WRONG_TYPE`, `DESERIALIZATION_FAILED`, and the pool's errors.
 */
export function defineScript<T = unknown>(connection: RedisConnection, definition: ScriptDefinition): DefinedScript<T> {
  if (typeof definition !== "object" || definition === null) throw invalid("defineScript", undefined, "a definition object is required");
  const operation = definition.name ?? "defineScript";
  if (typeof operation !== "string" || operation === "") throw invalid("defineScript", undefined, "name must be a non-empty string");
  assertScript(definition.script, operation);
  assertIntegerAtLeast(definition.numberOfKeys, 0, operation, undefined, "numberOfKeys");
  const decode = definition.decode ?? "raw";
  if (decode !== "raw" && decode !== "codec") throw invalid(operation, undefined, `decode must be 'raw' or 'codec', got ${String(decode)}`);
  const script = luaScript(definition.script);
  const { numberOfKeys } = definition;

  return async (keys, args = []) => {
    assertKeys(keys, operation);
    if (keys.length !== numberOfKeys) throw invalid(operation, keys[0], `expected ${numberOfKeys} key(s), got ${keys.length}`);
    assertArgs(args, operation, keys[0]);
    return (await runLua(connection, { operation, mode: "evalsha", script, keys, args, decode })) as T;
  };
}
