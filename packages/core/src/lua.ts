import { createHash } from "node:crypto";

/** A Lua script with its SHA1, sent with EVALSHA and reloaded on NOSCRIPT. */
export interface LuaScript {
  readonly source: string;
  readonly sha: string;
}

/** Prepares a script for `scriptCommand` (EVALSHA, EVAL on NOSCRIPT). */
export function luaScript(source: string): LuaScript {
  return { source, sha: createHash("sha1").update(source).digest("hex") };
}
