import { Command, Redis } from "ioredis";
import { RedisConnectionPool, isRedisError } from "../src/index.js";

/** Removes `name` from `target` for the duration of `run`, then puts it back. */
async function without(target: object, name: string, run: () => Promise<void>): Promise<void> {
  const descriptor = Object.getOwnPropertyDescriptor(target, name);
  if (descriptor === undefined) throw new Error(`${name} is not an own property here: the test no longer removes anything`);
  delete (target as Record<string, unknown>)[name];
  try {
    await run();
  } finally {
    Object.defineProperty(target, name, descriptor);
  }
}

async function connectError(settings: Parameters<typeof RedisConnectionPool.connect>[0]): Promise<unknown> {
  try {
    const pool = await RedisConnectionPool.connect(settings);
    await pool.close();
  } catch (error) {
    return error;
  }
  throw new Error("connect resolved");
}

describe("an ioredis without the internals the pool relies on", () => {
  // port 1: nothing listens there, so only a check made before any I/O can answer INVALID_CONFIGURATION
  it.each([
    ["Command.prototype.toWritable", Command.prototype, "toWritable", {}],
    ["Redis.prototype._buildCommandContext", Redis.prototype, "_buildCommandContext", {}],
    ["Redis.prototype._buildCommandContext", Redis.prototype, "_buildCommandContext", { clusterEnabled: true, clusterUrls: ["127.0.0.1:1"] }],
    ["Command.prototype.toWritable", Command.prototype, "toWritable", { clusterEnabled: true, clusterUrls: ["127.0.0.1:1"] }],
  ])("is refused by connect (%s) with INVALID_CONFIGURATION, before any I/O", async (internal, target, name, settings) => {
    await without(target, name, async () => {
      const error = await connectError({ host: "127.0.0.1", port: 1, connectTimeoutMs: 60_000, ...settings });
      expect(isRedisError(error, "INVALID_CONFIGURATION")).toBe(true);
      expect((error as Error).message).toContain(internal);
      expect((error as Error).message).toContain("ioredis ^6.0.0");
    });
  });

  it("is accepted when they are all there", async () => {
    const error = await connectError({ host: "127.0.0.1", port: 1, connectTimeoutMs: 2_000, reconnectMaxAttempts: 0 });
    expect(isRedisError(error, "CONNECTION_FAILED")).toBe(true);
  });
});
