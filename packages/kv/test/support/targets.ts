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

/** Runs `call`, which must fail with `INVALID_ARGUMENT` naming `operation` (and `key`), without any I/O. */
export async function expectInvalid(target: KvTarget, call: () => Promise<unknown>, operation: string, key?: string): Promise<void> {
  const execute = jest.spyOn(target.connection, "execute");
  try {
    const error = await rejection(call());
    expect(error).toMatchObject({ name: "RedisError", code: "INVALID_ARGUMENT", operation });
    expect(error.key).toBe(key);
    expect(execute).not.toHaveBeenCalled();
  } finally {
    execute.mockRestore();
  }
}

/** Runs `call` and tells how many times it went to Redis through `execute`. */
export async function executeCalls(target: KvTarget, call: () => Promise<unknown>): Promise<number> {
  const execute = jest.spyOn(target.connection, "execute");
  try {
    await call();
    return execute.mock.calls.length;
  } finally {
    execute.mockRestore();
  }
}

