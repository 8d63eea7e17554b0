/**
 * The redis-server binary redis-memory-server finds for this machine: its own configuration
 * (`"redisMemoryServer": { "systemBinary" }` in a package.json, `REDISMS_*` variables) or, failing
 * that, Redis downloaded and built by it. redis-memory-server is an optional peer dependency, used
 * only on machines without a redis-server of their own; the binary is then run like any other
 * (`SystemRedisServer`).
 * @returns the path of the binary.
 * @throws Error when redis-memory-server is not installed, or finds or builds no binary.
 */
export async function redisMemoryServerBinary(): Promise<string> {
  let RedisBinary: typeof import("redis-memory-server").RedisBinary;
  try {
    ({ RedisBinary } = await import("redis-memory-server"));
  } catch (error) {
    throw new Error(
      "startRedis: no redis-server binary found (REDISMS_SYSTEM_BINARY is unset and none is on PATH) and " +
        "redis-memory-server is not installed. Install Redis (e.g. `apt-get install redis-server` or `brew install redis`), " +
        "set REDISMS_SYSTEM_BINARY to a redis-server executable, or add the optional peer `redis-memory-server` " +
        "(it downloads and builds Redis).",
      { cause: error },
    );
  }
  const path = await RedisBinary.getPath();
  // redis-memory-server quotes a path holding spaces (for its shell); spawn takes it as it is
  return path.length > 1 && path.startsWith('"') && path.endsWith('"') ? path.slice(1, -1) : path;
}
