import { RedisConnectionPool } from "@redis-interface/core";
import { streams } from "@redis-interface/streams";
import type { ConfigRunner, ScenarioDefinition, ScenarioFactories } from "../harness/types.js";
import { rawIoredis } from "./clients.js";
import { loopRunner } from "./get-set.js";
import { VALUE_100B } from "./workload.js";

/** The fields of every appended entry (about 150 bytes). */
export const ENTRY_FIELDS: Record<string, string> = { type: "payment.created", id: "pay_01JABCDEF0123456789XYZ", payload: VALUE_100B };
const FIELD_ARGS = Object.entries(ENTRY_FIELDS).flat();

export const streamAppendScenario: ScenarioDefinition = {
  id: "stream-append",
  title: "streamAppendEntry throughput, 50 callers",
  unit: "entries/s",
  method:
    "Closed loop of 50 callers, each appending one entry (`XADD stream * type … id … payload <100 B>`) and awaiting its id. The stream is deleted after each cell.",
  server: "shared",
  configs: [
    { id: "streams", label: "`streams(pool).streamAppendEntry`, default settings", role: "subject" },
    { id: "raw-xadd", label: "raw ioredis AP on, `xadd`", role: "baseline" },
  ],
  cells: [{ label: "c=50", params: { concurrency: 50 } }],
};

function withCleanup(runner: ConfigRunner, cleanup: () => Promise<unknown>): ConfigRunner {
  return {
    run: async (cell) => {
      await cleanup();
      const measured = await runner.run(cell);
      await cleanup();
      return measured;
    },
    close: () => runner.close(),
  };
}

export const streamAppendFactories: ScenarioFactories = {
  streams: async (env) => {
    const stream = `bench:append:lib:${process.pid}`;
    const pool = await RedisConnectionPool.connect({ host: env.host, port: env.port });
    const store = streams(pool);
    const runner = loopRunner(env, () => store.streamAppendEntry(stream, "*", ENTRY_FIELDS), () => pool.close());
    return withCleanup(runner, () => pool.execute("bench", stream, (client) => client.del(stream)));
  },
  "raw-xadd": async (env) => {
    const stream = `bench:append:raw:${process.pid}`;
    const client = await rawIoredis(env, true);
    const runner = loopRunner(env, () => client.xadd(stream, "*", ...FIELD_ARGS), () => client.quit());
    return withCleanup(runner, () => client.del(stream));
  },
};
