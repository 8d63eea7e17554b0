import { luaScript, type RedisConnection } from "@redis-interface/core";
import { runLua } from "./run.js";
import type { EvaluateOptions, ScriptArg } from "./types.js";
import { assertArgs, assertKeys, assertScript, invalid } from "./validate.js";

const OPERATION = "evaluateRedisScript";

/**
 * Plain `EVAL script numkeys key… arg…` (Hyperswitch's `evaluate_redis_script`), with every key
 * through the connection's prefix.
 * @returns the reply: integers as numbers, bulk strings as strings, arrays as arrays, nil as null;
 *   strings decoded with the codec when `decode: 'codec'`.
 * @throws RedisError `INVALID_ARGUMENT` (bad script, keys or args), `CROSS_SLOT` (cluster, keys in
 *   several slots; before any I/O), `SCRIPT_FAILED` (Lua error, with Redis's message),
 *   `WRONG_TYPE`, `DESERIALIZATION_FAILED`, and the pool's errors.
 */
export async function evaluateRedisScript<T = unknown>(
  connection: RedisConnection,
  script: string,
  keys: readonly string[],
  args: readonly ScriptArg[] = [],
  options: EvaluateOptions = {},
): Promise<T> {
  assertScript(script, OPERATION);
  assertKeys(keys, OPERATION);
  assertArgs(args, OPERATION, keys[0]);
  const decode = options.decode ?? "raw";
  if (decode !== "raw" && decode !== "codec") throw invalid(OPERATION, keys[0], `decode must be 'raw' or 'codec', got ${String(decode)}`);
  return (await runLua(connection, { operation: OPERATION, mode: "eval", script: luaScript(script), keys, args, decode })) as T;
}
