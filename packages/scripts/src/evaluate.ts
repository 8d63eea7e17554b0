import { luaScript, type RedisConnection } from "@redis-interface/core";
import { assertKeys, optionsObject } from "@redis-interface/core/internal";
import { USER_SCRIPT } from "./commands/user-script.js";
import { sendScript } from "./send-script.js";
import type { EvaluateOptions, ScriptArg } from "./types.js";
import { assertScript, assertScriptArgs, scriptDecode } from "./validate.js";

const OPERATION = "evaluateRedisScript";
const EVALUATE_OPTIONS: readonly (keyof EvaluateOptions)[] = ["decode"];

/**
 * Runs `script` (Hyperswitch's `evaluate_redis_script`) with every key through the connection's
 * prefix: sends `EVALSHA sha numkeys key… arg…`, and `EVAL script numkeys key… arg…` when the
 * server does not know the script yet (NOSCRIPT).
 * @returns the reply: integers as numbers, bulk strings as strings, arrays as arrays, nil as null;
 *   strings decoded with the codec when `decode: 'codec'`.
 * @throws RedisError `INVALID_ARGUMENT` (bad script, keys, args or options; before any I/O),
 *   `CROSS_SLOT` (cluster, keys in several slots; before any I/O), `SCRIPT_FAILED` (Lua error,
 *   with Redis's message), `WRONG_TYPE`, `DESERIALIZATION_FAILED`, and the pool's errors.
 */
export const evaluateRedisScript =
  (connection: RedisConnection) =>
  async <T = unknown>(script: string, keys: readonly string[], args: readonly ScriptArg[] = [], options?: EvaluateOptions): Promise<T> => {
    assertScript(script, OPERATION);
    assertKeys(keys, OPERATION);
    const key = keys[0];
    assertScriptArgs(args, OPERATION, key);
    const decode = scriptDecode(optionsObject(options, EVALUATE_OPTIONS, OPERATION, key).decode, OPERATION, key);
    return sendScript(connection, OPERATION, USER_SCRIPT<T>(luaScript(script), keys, args, decode, OPERATION));
  };
