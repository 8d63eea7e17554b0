import { rmSync } from "node:fs";
import { resolveRedisServerBinary } from "./binary.js";
import { redisMemoryServerBinary } from "./memory-server-binary.js";
import { makeScratchDir } from "./registry.js";
import { SystemRedisServer } from "./system-redis-server.js";
import type { RedisServerHandle, StartRedisOptions } from "./types.js";

/** Used when the caller passes no `args`: no RDB snapshots, no AOF. */
const DEFAULT_ARGS: readonly string[] = ["--save", "", "--appendonly", "no"];

/**
 * Starts a real redis-server on 127.0.0.1.
 *
 * Binary: env `REDISMS_SYSTEM_BINARY`, else `redis-server` on PATH (spawned directly; nothing is
 * downloaded), else the binary redis-memory-server finds when it is installed (an optional peer
 * dependency: its own configuration, or a download and build of Redis), spawned the same way.
 * The server gets its own `--dir` in a scratch directory, so persistence args never write into
 * the current directory and data survives {@link RedisServerHandle.restart}.
 * @param options `port` (default: a free port) and `args` (default
 *   `["--save", "", "--appendonly", "no"]`; caller args replace the defaults).
 * @returns a handle on the running server (it already answers PING).
 * @throws Error if the server cannot be started (no binary and no redis-memory-server, port busy, start-up timeout).
 */
export async function startRedis(options: StartRedisOptions = {}): Promise<RedisServerHandle> {
  const args = options.args ?? DEFAULT_ARGS;
  const binary = resolveRedisServerBinary() ?? (await redisMemoryServerBinary());
  const dir = makeScratchDir("server");
  try {
    return await SystemRedisServer.start(binary, dir, args, options.port);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`startRedis: redis-server (${binary}) did not start: ${reason}`, { cause: error });
  }
}
