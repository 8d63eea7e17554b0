import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";

/**
 * Resolves the redis-server binary to use: env `REDISMS_SYSTEM_BINARY` if set, else the first
 * executable `redis-server` on `PATH`.
 * @returns the binary path, or `undefined` when neither is available (redis-memory-server may
 *   then download and build Redis).
 * @throws never.
 */
export function resolveRedisServerBinary(): string | undefined {
  const fromEnv = process.env["REDISMS_SYSTEM_BINARY"];
  if (fromEnv !== undefined && fromEnv.trim() !== "") return fromEnv.trim();
  return findOnPath("redis-server");
}

/**
 * Resolves the redis-sentinel binary: env `REDISMS_SENTINEL_BINARY` if set, else the first
 * executable `redis-sentinel` on `PATH` (Debian's `redis-sentinel` package).
 * @returns the binary path.
 * @throws Error explaining how to install it when none is found.
 */
export function requireRedisSentinelBinary(): string {
  const fromEnv = process.env["REDISMS_SENTINEL_BINARY"];
  const binary = fromEnv !== undefined && fromEnv.trim() !== "" ? fromEnv.trim() : findOnPath("redis-sentinel");
  if (binary === undefined) {
    throw new Error(
      "No redis-sentinel binary found: install it (e.g. `apt-get install redis-sentinel` or " +
        "`brew install redis`) so that redis-sentinel is on PATH, or set REDISMS_SENTINEL_BINARY.",
    );
  }
  return binary;
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env["PATH"] ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Like {@link resolveRedisServerBinary}, for callers that must spawn redis-server themselves.
 * @returns the binary path.
 * @throws Error explaining how to install redis-server or set `REDISMS_SYSTEM_BINARY` when no
 *   binary is found.
 */
export function requireRedisServerBinary(): string {
  const binary = resolveRedisServerBinary();
  if (binary === undefined) {
    throw new Error(
      "No redis-server binary found: install Redis (e.g. `apt-get install redis-server` or " +
        "`brew install redis`) so that redis-server is on PATH, or set REDISMS_SYSTEM_BINARY " +
        "to the path of a redis-server executable.",
    );
  }
  return binary;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
