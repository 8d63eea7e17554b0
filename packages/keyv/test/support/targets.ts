import { RedisConnectionPool, type RedisConnection } from "@redis-interface/core";
import { describeEachTarget as eachTarget, randomId, rejection, type TestTarget } from "@redis-interface/testing";
import { Keyv } from "keyv";
import { KeyvRedisInterface } from "../../src/index.js";

/** A target of the shared harness (standalone pool and view, cluster pool and view) with Keyv helpers. */
export interface KeyvTarget extends TestTarget<RedisConnection> {
  /** A new store on the target's connection. */
  store(): KeyvRedisInterface;
  /** A Keyv on a new store with `namespace` (a random one by default). */
  keyv(namespace?: string): Keyv<string>;
  /** The name Redis holds for Keyv's `key` in `namespace`. */
  rawName(namespace: string, key: string): string;
}

/** Runs `body` on a standalone pool, a standalone view, a cluster pool and a cluster view. */
export function describeEachTarget(title: string, body: (target: () => KeyvTarget) => void): void {
  eachTarget(title, { connect: (settings) => RedisConnectionPool.connect(settings), standalone: { poolSize: 2 } }, (target) => {
    body(() => {
      const current = target();
      const store = (): KeyvRedisInterface => new KeyvRedisInterface(current.connection);
      return {
        ...current,
        store,
        keyv: (namespace = randomNamespace()) => new Keyv<string>({ store: store(), namespace }),
        rawName: (namespace, key) => current.rawKey(`${namespace}:${key}`),
      };
    });
  });
}

/** A namespace no other test uses. */
export function randomNamespace(label = "ns"): string {
  return `${label}-${randomId(8)}`;
}

/** Spies on every way a call reaches Redis: described commands (`send`, `sendBlocking`) and the escape hatch (`execute`). */
export function spyOnRedis(connection: RedisConnection): { calls: () => number; restore: () => void } {
  const spies = [jest.spyOn(connection, "send"), jest.spyOn(connection, "sendBlocking"), jest.spyOn(connection, "execute")];
  return {
    calls: () => spies.reduce((total, spy) => total + spy.mock.calls.length, 0),
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}

/** Runs `call`, which must fail with `INVALID_ARGUMENT` naming `operation`, without any I/O on `connection`. */
export async function expectInvalid(connection: RedisConnection, call: () => Promise<unknown>, operation: string): Promise<Error> {
  const redis = spyOnRedis(connection);
  try {
    const error = await rejection(call());
    expect(error).toMatchObject({ name: "RedisError", code: "INVALID_ARGUMENT", operation });
    expect(redis.calls()).toBe(0);
    return error;
  } finally {
    redis.restore();
  }
}

export { rejection };
