import type { Redis } from "ioredis";
import { RedisConnectionPool, type RedisConnection } from "@redis-interface/core";
import { describeEachTarget as eachTarget, masterNodes, rejection, type TestTarget } from "@redis-interface/testing";
import { scripts, type RedisScripts } from "../../src/index.js";

/** A target of the shared harness with the script functions on its connection. */
export interface ScriptsTarget extends TestTarget<RedisConnection> {
  readonly lua: RedisScripts;
  /** SCRIPT FLUSH on the server, or on every master of the cluster. */
  flushScripts(): Promise<void>;
  /** SCRIPT EXISTS sha on the server, or on every master of the cluster: one boolean per node. */
  scriptExists(sha: string): Promise<boolean[]>;
}

/** Runs `body` on a standalone pool, a standalone view, a cluster pool and a cluster view. */
export function describeEachTarget(title: string, body: (target: () => ScriptsTarget) => void): void {
  eachTarget(title, { connect: (settings) => RedisConnectionPool.connect(settings), standalone: { poolSize: 2 } }, (target) => {
    body(() => {
      const current = target();
      const masters = (): Redis[] => masterNodes(current.raw);
      return {
        ...current,
        lua: scripts(current.connection),
        flushScripts: async () => void (await Promise.all(masters().map((node) => node.script("FLUSH")))),
        scriptExists: (sha) => Promise.all(masters().map(async (node) => ((await node.script("EXISTS", sha)) as number[])[0] === 1)),
      };
    });
  });
}

export { rejection };

/**
 * A view of `connection` counting `execute` calls, and the ioredis methods called inside them.
 */
export function counting(connection: RedisConnection): { connection: RedisConnection; executes: () => number; calls: string[] } {
  let executes = 0;
  const calls: string[] = [];
  const proxy = new Proxy(connection, {
    get(real, property, receiver) {
      if (property !== "execute") return Reflect.get(real, property, receiver);
      const execute: RedisConnection["execute"] = (operation, key, run) => {
        executes++;
        return real.execute(operation, key, (client) =>
          run(
            new Proxy(client, {
              get(c, method, r) {
                const value: unknown = Reflect.get(c, method, r);
                if (typeof value !== "function") return value;
                return (...args: unknown[]) => {
                  calls.push(String(method));
                  return (value as (...a: unknown[]) => unknown).apply(c, args);
                };
              },
            }),
          ),
        );
      };
      return execute;
    },
  });
  return { connection: proxy, executes: () => executes, calls };
}
