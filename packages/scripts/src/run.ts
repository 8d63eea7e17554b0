import { RedisError, isRedisError, keySlot, runScript, type LuaScript, type RedisConnection } from "@redis-interface/core";
import { decodeReply } from "./reply.js";
import type { ScriptArg, ScriptDecode } from "./types.js";

/**
 * Error replies that say something about the server, not about the script: they keep their
 * `COMMAND_FAILED` code instead of becoming `SCRIPT_FAILED`.
 */
const SERVER_STATE_REPLIES = new Set(["BUSY", "LOADING", "READONLY", "OOM", "CLUSTERDOWN", "TRYAGAIN", "MASTERDOWN", "MISCONF", "NOAUTH", "NOPERM", "NOSCRIPT"]);

/** How one script call is sent. */
export interface ScriptCall {
  operation: string;
  /** `'eval'`: plain EVAL; `'evalsha'`: EVALSHA with the NOSCRIPT fallback. */
  mode: "eval" | "evalsha";
  script: LuaScript;
  /** The caller's keys (the connection's prefix is applied here). */
  keys: readonly string[];
  args: readonly ScriptArg[];
  decode: ScriptDecode;
}

/**
 * @throws RedisError `CROSS_SLOT` when the (prefixed) keys are in more than one cluster slot.
 */
function assertOneSlot(connection: RedisConnection, call: ScriptCall, redisKeys: readonly string[]): void {
  if (!connection.isCluster || redisKeys.length < 2) return;
  const first = keySlot(redisKeys[0] as string);
  const other = redisKeys.findIndex((key) => keySlot(key) !== first);
  if (other === -1) return;
  throw new RedisError("CROSS_SLOT", {
    operation: call.operation,
    key: call.keys[0],
    message: `script keys must share one cluster slot: "${call.keys[0]}" and "${call.keys[other]}" do not (use a {hash tag})`,
  });
}

/** A Lua error (runtime error, `redis.error_reply`) becomes `SCRIPT_FAILED` with Redis's message. */
function mapScriptError(error: unknown, operation: string, key: string | undefined): unknown {
  if (!isRedisError(error, "COMMAND_FAILED")) return error;
  if (error.replyCode !== undefined && SERVER_STATE_REPLIES.has(error.replyCode)) return error;
  const cause: unknown = error.cause;
  const message = cause instanceof Error ? cause.message : error.message;
  return new RedisError("SCRIPT_FAILED", { operation, key, message, cause: error, replyCode: error.replyCode });
}

/**
 * Sends one script call: prefixes KEYS, checks the cluster slot, sends EVAL or EVALSHA (with the
 * NOSCRIPT fallback), maps Lua errors to `SCRIPT_FAILED` and decodes the reply.
 * Arguments must already be validated.
 * @throws RedisError `CROSS_SLOT` (before any I/O), `SCRIPT_FAILED`, `DESERIALIZATION_FAILED`, or the pool's errors.
 */
export async function runLua(connection: RedisConnection, call: ScriptCall): Promise<unknown> {
  const redisKeys = connection.keys.keysOf(call.keys);
  assertOneSlot(connection, call, redisKeys);
  const key = call.keys[0];
  let reply: unknown;
  try {
    reply = await connection.execute(call.operation, key, (client) =>
      call.mode === "evalsha" ? runScript(client, call.script, redisKeys, call.args) : client.eval(call.script.source, redisKeys.length, ...redisKeys, ...call.args),
    );
  } catch (error) {
    throw mapScriptError(error, call.operation, key);
  }
  return call.decode === "codec" ? decodeReply(reply, connection.codec, call.operation, key) : reply;
}
