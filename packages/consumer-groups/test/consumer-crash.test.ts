import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { RedisConnectionPool } from "@redis-interface/core";
import { randomId, randomKey, waitFor } from "@redis-interface/testing";
import { consumerGroups } from "../src/index.js";
import { DEPLOYMENTS, settingsFor, streamName } from "./support/servers.js";

const ENTRIES = 10_000;

function startWorker(env: Record<string, string>): { child: ChildProcess; started: Promise<void> } {
  const child = spawn(process.execPath, [join(__dirname, "fixtures", "worker.cjs")], {
    cwd: join(__dirname, ".."),
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const started = new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("started") && resolve());
    child.once("exit", (code) => reject(new Error(`worker exited with ${code} before starting: ${errors}`)));
  });
  return { child, started };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", () => resolve()));
}

describe.each(DEPLOYMENTS)("crash test on %s: a worker killed mid-batch loses nothing", (deployment) => {
  let pool: RedisConnectionPool;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    pool = await RedisConnectionPool.connect(settingsFor(deployment));
  });

  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await Promise.all(children.map(exited));
    await pool?.close();
  });

  it("two worker processes share a group; one is SIGKILLed; the survivor finishes every entry", async () => {
    const { stream } = streamName("crash");
    const processedSet = `{${stream.slice(1, stream.indexOf("}"))}}:processed:${randomId(6)}`;
    const groups = consumerGroups(pool);
    await groups.consumerGroupCreate(stream, "workers", "0", { mkStream: true });
    const redisStream = pool.keys.key(stream);
    const ids: string[] = [];
    for (let batch = 0; batch < ENTRIES / 500; batch++) {
      const added = await Promise.all(
        Array.from({ length: 500 }, (_, i) => pool.execute("append", stream, (client) => client.xadd(redisStream, "*", "n", String(batch * 500 + i)))),
      );
      ids.push(...(added as string[]));
    }
    const env = { SETTINGS: JSON.stringify(settingsFor(deployment)), STREAM: stream, GROUP: "workers", PROCESSED_SET: processedSet, CLAIM_IDLE_MS: "1000" };
    const victim = startWorker({ ...env, CONSUMER: "victim" });
    const survivor = startWorker({ ...env, CONSUMER: "survivor" });
    children.push(victim.child, survivor.child);
    await Promise.all([victim.started, survivor.started]);

    const processed = () => pool.execute("count", processedSet, (client) => client.scard(pool.keys.key(processedSet)));
    await waitFor(async () => (await processed()) >= ENTRIES / 4, { timeoutMs: 60_000, description: "a quarter processed" });
    victim.child.kill("SIGKILL");
    await exited(victim.child);

    await waitFor(async () => (await processed()) === ENTRIES, { timeoutMs: 120_000, intervalMs: 100, description: "every entry processed" });
    await waitFor(async () => (await groups.consumerGroupPending(stream, "workers")).count === 0, { timeoutMs: 60_000, description: "nothing pending" });
    const recorded = (await pool.execute("members", processedSet, (client) => client.smembers(pool.keys.key(processedSet)))) as string[];
    expect(new Set(recorded)).toEqual(new Set(ids));

    survivor.child.kill("SIGTERM");
    await exited(survivor.child);
    expect(survivor.child.exitCode).toBe(0);
  });
});
