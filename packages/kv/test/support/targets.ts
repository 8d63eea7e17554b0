import { RedisConnectionPool, type RedisConnection } from "@redis-interface/core";
import { describeEachTarget as eachTarget, rejection, type TestTarget } from "@redis-interface/testing";
import { kv, type KeyValueStore } from "../../src/index.js";

/** A target of the shared harness with the kv store on its connection. */
export interface KvTarget extends TestTarget<RedisConnection> {
  readonly store: KeyValueStore;
}

/** Runs `body` on a standalone pool, a standalone view, a cluster pool and a cluster view. */
export function describeEachTarget(title: string, body: (target: () => KvTarget) => void): void {
  eachTarget(title, { connect: (settings) => RedisConnectionPool.connect(settings), standalone: { poolSize: 2 } }, (target) => {
    body(() => {
      const current = target();
      return { ...current, store: kv(current.connection) };
    });
  });
}

export { rejection };

/** Spies on every way a call reaches Redis: described commands (`send`, `sendBlocking`) and the escape hatch (`execute`). */
function spyOnRedis(connection: RedisConnection): { calls: () => number; restore: () => void } {
  const spies = [jest.spyOn(connection, "send"), jest.spyOn(connection, "sendBlocking"), jest.spyOn(connection, "execute")];
  return {
    calls: () => spies.reduce((total, spy) => total + spy.mock.calls.length, 0),
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}

/** Runs `call`, which must fail with `INVALID_ARGUMENT` naming `operation` (and `key`), without any I/O. */
export async function expectInvalid(target: KvTarget, call: () => Promise<unknown>, operation: string, key?: string): Promise<void> {
  const redis = spyOnRedis(target.connection);
  try {
    const error = await rejection(call());
    expect(error).toMatchObject({ name: "RedisError", code: "INVALID_ARGUMENT", operation });
    expect(error.key).toBe(key);
    expect(redis.calls()).toBe(0);
  } finally {
    redis.restore();
  }
}

/** Runs `call` and tells how many commands it sent to Redis (`send`, `sendBlocking`, `execute`). */
export async function redisCalls(target: KvTarget, call: () => Promise<unknown>): Promise<number> {
  const redis = spyOnRedis(target.connection);
  try {
    await call();
    return redis.calls();
  } finally {
    redis.restore();
  }
}

