import { randomKey, startRedisCluster, waitFor, type ClusterNodeHandle, type RedisClusterHandle } from "@redis-interface/testing";
import { FIRST_KEY, RedisConnectionPool, isRedisError, keySlot, type RedisCommand } from "../src/index.js";

// A master of a cluster fails while callers keep sending described commands to its slots: every
// call must settle within the command timeout with its own reply or a RedisError (a reply delivered
// to another caller would show as a wrong value), and the pool must follow the promoted replica.
// (The fault suite, `pnpm test:faults`, does this with every package's load; this is the send path.)

let cluster: RedisClusterHandle;

beforeAll(async () => {
  cluster = await startRedisCluster({ masters: 3, replicas: 1, nodeTimeoutMs: 1_000 });
}, 120_000);

afterAll(async () => {
  for (const node of cluster?.nodes ?? []) node.thaw();
  await cluster?.stop();
});

const SET = (key: string, value: string): RedisCommand<string> => ({ name: "SET", args: [key, value], keys: FIRST_KEY });
const GET = (key: string): RedisCommand<string | null> => ({ name: "GET", args: [key], keys: FIRST_KEY });
const INCR = (key: string): RedisCommand<number> => ({ name: "INCR", args: [key], keys: FIRST_KEY });

/** Callers that each loop SET → GET → INCR on their own keys and record anything that is not their own reply. */
class Load {
  readonly wrong: string[] = [];
  readonly errors = new Map<string, number>();
  succeeded = 0;
  longestMs = 0;
  private stopped = false;
  private readonly callers: Array<Promise<void>>;

  constructor(
    private readonly pool: RedisConnectionPool,
    tag: string,
    callers: number,
  ) {
    this.callers = Array.from({ length: callers }, (_, id) => this.caller(`${tag}:caller${id}`));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.callers);
  }

  private async caller(key: string): Promise<void> {
    let round = 0;
    while (!this.stopped) {
      const value = `${key}:${round++}`;
      await this.step(() => this.pool.send("setKey", SET(key, value)), (reply) => reply === "OK");
      // after a failover an acknowledged write may be gone (asynchronous replication): an older value of this key, or none
      await this.step(() => this.pool.send("getKey", GET(key)), (reply) => reply === null || (typeof reply === "string" && reply.startsWith(`${key}:`)));
      await this.step(() => this.pool.send("incrementKey", INCR(`${key}:count`)), (reply) => typeof reply === "number" && reply >= 1);
    }
  }

  private async step(send: () => Promise<unknown>, own: (reply: unknown) => boolean): Promise<void> {
    const started = performance.now();
    try {
      const reply = await send();
      if (own(reply)) {
        this.succeeded++;
      } else {
        this.wrong.push(JSON.stringify(reply));
      }
    } catch (error) {
      const code = isRedisError(error) ? error.code : `not a RedisError: ${String(error)}`;
      this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
    }
    this.longestMs = Math.max(this.longestMs, performance.now() - started);
  }
}

/** A hash tag served by the master at `index` (masters come first in `cluster.nodes`). */
async function tagOnMaster(index: number): Promise<string> {
  const port = cluster.nodes[index]?.port;
  for (;;) {
    const tag = `{${randomKey("failover")}}`;
    if ((await cluster.masterOfSlot(keySlot(tag))).port === port) return tag;
  }
}

describe.each([
  ["killed (SIGKILL)", 0, false],
  ["hung (SIGSTOP: no MOVED ever comes from it)", 1, true],
])("send while a cluster master is %s and its replica is promoted", (_, index, freeze) => {
  it("settles every call with its own reply or a RedisError, and serves the slots again from the promoted replica", async () => {
    const timeoutMs = 2_000;
    const pool = await RedisConnectionPool.connect({ clusterEnabled: true, clusterUrls: cluster.urls, defaultCommandTimeoutMs: timeoutMs, unresponsiveTimeoutMs: 1_000, maxFailureThresholdSeconds: 1 });
    pool.on("error", () => undefined);
    const tag = await tagOnMaster(index);
    const load = new Load(pool, tag, 20);
    try {
      await waitFor(() => load.succeeded > 500, { description: "load running" });
      const { promoted } = await cluster.failover(cluster.nodes[index] as ClusterNodeHandle, { freeze });
      const before = load.succeeded;
      await waitFor(() => load.succeeded > before + 500, { description: "load served by the promoted replica" });
      await load.stop();
      expect(load.wrong).toEqual([]);
      expect([...load.errors.keys()].filter((code) => !["COMMAND_TIMEOUT", "CONNECTION_FAILED", "COMMAND_FAILED", "UNCERTAIN"].includes(code))).toEqual([]);
      // the pool's timer checks deadlines every ≤100 ms
      expect(load.longestMs).toBeLessThan(timeoutMs + 500);
      expect((await cluster.masterOfSlot(keySlot(tag))).port).toBe(promoted.port);
      expect(await pool.send("getKey", GET(`${tag}:caller0`))).toMatch(new RegExp(`^${tag.replace(/[{}]/g, "\\$&")}:caller0:`));
    } finally {
      await load.stop();
      await pool.close();
    }
  }, 90_000);
});
