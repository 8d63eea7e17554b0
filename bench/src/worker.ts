// A worker process: builds one configuration of one scenario (or all of them, for a scenario with
// `oneProcess`), then runs cells on request. Otherwise each configuration lives in its own
// process, so its peak RSS and heap are its own.
import type { HostMessage, WorkerMessage } from "./harness/protocol.js";
import { WORKER_ENV_VARIABLE } from "./harness/protocol.js";
import type { BenchEnv, ConfigRunner } from "./harness/types.js";
import { findScenario } from "./scenarios/index.js";

const CLOSE_TIMEOUT_MS = 5_000;

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) resolve();
    else process.send(message, undefined, {}, () => resolve());
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

async function main(): Promise<void> {
  const [scenarioId, configId] = process.argv.slice(2);
  const env = JSON.parse(process.env[WORKER_ENV_VARIABLE] ?? "null") as BenchEnv | null;
  if (!scenarioId || !configId || !env) throw new Error("usage: worker.js <scenario> <config> with BENCH_WORKER_ENV set");
  const factories = findScenario(scenarioId).factories;
  const ids = configId === "*" ? Object.keys(factories) : [configId];
  const runners = new Map<string, ConfigRunner>();
  for (const id of ids) {
    const factory = factories[id];
    if (!factory) throw new Error(`scenario ${scenarioId} has no worker configuration "${id}"`);
    runners.set(id, await factory(env));
  }
  let queue = Promise.resolve();
  process.on("message", (message: HostMessage) => {
    queue = queue.then(async () => {
      if (message.type === "run") {
        try {
          const runner = runners.get(message.config ?? configId);
          if (!runner) throw new Error(`this worker has no configuration "${message.config ?? configId}"`);
          await send({ type: "result", measurement: await runner.run(message.cell) });
        } catch (error) {
          await send({ type: "error", message: describe(error) });
        }
      } else {
        let timer: NodeJS.Timeout | undefined;
        const closing = Promise.all([...runners.values()].map((runner) => runner.close().catch(() => undefined)));
        await Promise.race([closing, new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS)))]);
        clearTimeout(timer);
        await send({ type: "closed" });
        process.disconnect?.();
        process.exit(0);
      }
    });
  });
  await send({ type: "ready" });
}

main().catch(async (error: unknown) => {
  await send({ type: "error", message: describe(error) });
  process.exitCode = 1;
  process.disconnect?.();
});
