import { luaScript, type RedisConnection } from "@redis-interface/core";
import { assertKeys, assertNonNegativeInteger, invalidArgument, optionsObject } from "@redis-interface/core/internal";
import { USER_SCRIPT } from "./commands/user-script.js";
import { sendScript } from "./send-script.js";
import type { DefinedScript, ScriptDefinition } from "./types.js";
import { assertScript, assertScriptArgs, scriptDecode } from "./validate.js";

const DEFINITION_FIELDS: readonly (keyof ScriptDefinition)[] = ["script", "numberOfKeys", "name", "decode"];

/**
 * Prepares a script (SHA1 computed once; nothing is sent) and returns a function that runs it
 * with `EVALSHA sha numkeys key… arg…`, re-sent as `EVAL` on NOSCRIPT (first use, SCRIPT FLUSH,
 * restart, a new cluster node). Keys go through the connection's prefix.
 * @returns `(keys, args) => Promise<T>`; its reply is decoded as in `evaluateRedisScript`.
 * @throws RedisError `INVALID_ARGUMENT` at once for a bad definition (or an unknown field); the
 *   returned function rejects with `INVALID_ARGUMENT` when `keys.length !== numberOfKeys` or an
 *   argument is bad (before any I/O), `CROSS_SLOT`, `SCRIPT_FAILED`, `WRONG_TYPE`,
 *   `DESERIALIZATION_FAILED`, and the pool's errors.
 */
export const defineScript =
  (connection: RedisConnection) =>
  <T = unknown>(definition: ScriptDefinition): DefinedScript<T> => {
    if (typeof definition !== "object" || definition === null) throw invalidArgument("defineScript", undefined, "a definition object is required");
    optionsObject(definition, DEFINITION_FIELDS, "defineScript");
    const operation = definition.name ?? "defineScript";
    if (typeof operation !== "string" || operation === "") throw invalidArgument("defineScript", undefined, "name must be a non-empty string");
    assertScript(definition.script, operation);
    assertNonNegativeInteger(definition.numberOfKeys, operation, undefined, "numberOfKeys");
    const decode = scriptDecode(definition.decode, operation, undefined);
    const script = luaScript(definition.script);
    const { numberOfKeys } = definition;

    return async (keys, args = []) => {
      assertKeys(keys, operation);
      if (keys.length !== numberOfKeys) throw invalidArgument(operation, keys[0], `expected ${numberOfKeys} key(s), got ${keys.length}`);
      assertScriptArgs(args, operation, keys[0]);
      return sendScript(connection, operation, USER_SCRIPT<T>(script, keys, args, decode, operation));
    };
  };
