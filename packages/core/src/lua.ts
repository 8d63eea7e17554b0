import { createHash } from "node:crypto";
import type { RedisClient } from "./connection.js";

/** A Lua script with its SHA1, sent with EVALSHA and reloaded on NOSCRIPT. */
export interface LuaScript {
  readonly source: string;
  readonly sha: string;
}

/** Prepares a script for `runScript`. */
export function luaScript(source: string): LuaScript {
  return { source, sha: createHash("sha1").update(source).digest("hex") };
}

/**
 * Runs `script` with EVALSHA, falling back to EVAL when the server does not know it yet
 * (NOSCRIPT: first use, SCRIPT FLUSH, restart, a new cluster node).
 * @returns the script's reply.
 * @throws the server's error (mapped by the pool's `execute`).
 */
export async function runScript(client: RedisClient, script: LuaScript, keys: readonly string[], args: ReadonlyArray<string | number | Buffer>): Promise<unknown> {
  try {
    return await client.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
    return client.eval(script.source, keys.length, ...keys, ...args);
  }
}
