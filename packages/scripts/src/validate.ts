import { assertValues, describeArgument, invalidArgument } from "@redis-interface/core/internal";
import type { ScriptArg, ScriptDecode } from "./types.js";

/*
 * The checks only scripts need (Lua source, ARGV, `decode`), as thin wrappers over core's
 * validation module; everything else (keys, integers, option names) uses core's checks directly.
 */

/**
 * Checks Lua source: a non-empty, non-blank string.
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function assertScript(script: unknown, operation: string): asserts script is string {
  if (typeof script !== "string" || script.trim() === "") throw invalidArgument(operation, undefined, "script must be a non-empty string");
}

/**
 * Checks script ARGV: an array (possibly empty) of strings, finite numbers or Buffers.
 * @throws RedisError `INVALID_ARGUMENT` naming the bad element's index and type (never its content).
 */
export function assertScriptArgs(args: unknown, operation: string, key: string | undefined): asserts args is ScriptArg[] {
  assertValues(args, operation, key, "args", true);
}

/**
 * The `decode` of a script call: `'raw'` (default) or `'codec'`.
 * @throws RedisError `INVALID_ARGUMENT` for anything else.
 */
export function scriptDecode(decode: unknown, operation: string, key: string | undefined): ScriptDecode {
  if (decode === undefined || decode === "raw") return "raw";
  if (decode === "codec") return "codec";
  throw invalidArgument(operation, key, `decode must be 'raw' or 'codec', got ${describeArgument(decode)}`);
}

