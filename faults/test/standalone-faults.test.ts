import { RedisConnectionPool } from "@redis-interface/core";
import { randomKey, startRedis, type RedisServerHandle } from "@redis-interface/testing";
import { Redis } from "ioredis";
import { MixedLoad } from "./support/load.js";
import { keepRow } from "./support/report.js";
import { expectNothingOwedLost } from "./support/checks.js";
import { FAULT_POOL_SETTINGS, runScenario, type Fault, type Readback } from "./support/scenario.js";

/** Every server of this file persists each write before replying, so a SIGKILL loses nothing acknowledged. */
const SERVER_ARGS = ["--save", "", "--appendonly", "yes", "--appendfsync", "always"];
const BUSY_SCRIPT = `
local start = redis.call('TIME')
while true do
  local now = redis.call('TIME')
  if tonumber(now[1]) - tonumber(start[1]) > 60 then return 'done' end
end`;

interface Context {
  server: RedisServerHandle;
  admin: Redis;
  pool: RedisConnectionPool;
  load: MixedLoad;
  reconnects: () => number;
}

function adminClient(port: number): Redis {
  // reconnects forever (the server is killed and restarted); no offline queue limits needed for a few commands
  const client = new Redis({ host: "127.0.0.1", port, maxRetriesPerRequest: null, retryStrategy: () => 50, lazyConnect: true });
  client.on("error", () => undefined);
  return client;
}

async function withServer(makeFault: (context: Context) => Fault): Promise<void> {
  const server = await startRedis({ args: SERVER_ARGS });
  const admin = adminClient(server.port);
  const extra: Redis[] = [];
  let pool: RedisConnectionPool | undefined;
  try {
    await admin.connect();
    pool = await RedisConnectionPool.connect({ port: server.port, ...FAULT_POOL_SETTINGS });
    let reconnectCount = 0;
    pool.on("reconnecting", () => reconnectCount++);
    pool.on("error", () => undefined);
    const load = new MixedLoad({ pool, tag: `{${randomKey("faults")}}` });
    const context: Context = { server, admin, pool, load, reconnects: () => reconnectCount };
    const fault = makeFault(context);
    const readback: Readback = {
      values: (keys) => admin.mget([...keys]),
      streamIds: async () => new Set(((await admin.xrange(load.stream, "-", "+")) as Array<[string, string[]]>).map(([id]) => id)),
    };
    const outcome = await runScenario(load, fault, readback);

    expect(outcome.missingEntries).toEqual([]); // AOF with appendfsync always: nothing acknowledged is missing
    expectNothingOwedLost(outcome, load, pool.settings.maxInFlightCommands);
    keepRow(outcome.row);
  } finally {
    await pool?.close();
    for (const client of [admin, ...extra]) client.disconnect();
    server.thaw();
    await server.stop();
  }
}

describe("fault injection on a standalone server under a mixed load (kv, stream + worker, pub/sub)", () => {
  it("SIGKILL, then restart with AOF (appendfsync always): nothing acknowledged is lost", async () => {
    await withServer(({ server, load }) => ({
      id: "1-sigkill-aof",
      scenario: "SIGKILL + restart (AOF, appendfsync always)",
      inject: () => server.kill(),
      // hold it until callers fail and the pool's 5 reconnect attempts are spent
      felt: () => load.ledger.failures("CONNECTION_FAILED") > 0,
      lift: () => server.restart(),
    }));
  });

  it("SIGSTOP / SIGCONT (frozen server): commands time out, stuck connections are recycled", async () => {
    await withServer(({ server, load }) => ({
      id: "2-sigstop",
      scenario: "SIGSTOP, then SIGCONT (frozen server)",
      inject: async () => server.freeze(),
      felt: () => load.ledger.failures("COMMAND_TIMEOUT") > 0,
      lift: async () => server.thaw(),
    }));
  });

  it("CLIENT KILL of every client connection: the pool, the worker and the subscriber reconnect", async () => {
    await withServer(({ admin, reconnects }) => {
      let before = 0;
      return {
        id: "3-client-kill",
        scenario: "CLIENT KILL (every normal and pub/sub connection)",
        inject: async () => {
          before = reconnects();
          await admin.call("CLIENT", "KILL", "TYPE", "normal");
          await admin.call("CLIENT", "KILL", "TYPE", "pubsub");
        },
        felt: () => reconnects() > before,
        lift: async () => undefined,
      };
    });
  });

  it("maxclients reached while every connection was dropped: reconnects are refused until the limit is raised", async () => {
    await withServer(({ admin, load }) => ({
      id: "4-maxclients",
      scenario: "maxclients reached (limit 1, connections dropped)",
      inject: async () => {
        await admin.call("CONFIG", "SET", "maxclients", "1");
        await admin.call("CLIENT", "KILL", "TYPE", "normal");
        await admin.call("CLIENT", "KILL", "TYPE", "pubsub");
      },
      felt: () => load.ledger.failed > 0,
      lift: async () => void (await admin.call("CONFIG", "SET", "maxclients", "10000")),
    }));
  });

  it("OOM (maxmemory reached with noeviction): writes fail with the OOM reply until memory is raised", async () => {
    await withServer(({ admin, load }) => ({
      id: "5-oom",
      scenario: "OOM (maxmemory = used memory, noeviction)",
      inject: async () => {
        const used = /used_memory:(\d+)/.exec(await admin.info("memory"))?.[1] ?? "1";
        await admin.call("CONFIG", "SET", "maxmemory-policy", "noeviction");
        await admin.call("CONFIG", "SET", "maxmemory", used);
      },
      felt: () => load.ledger.failures("COMMAND_FAILED/OOM") > 0,
      lift: async () => void (await admin.call("CONFIG", "SET", "maxmemory", "0")),
    }));
  });

  it("a slow script (BUSY): callers get the BUSY reply until SCRIPT KILL", async () => {
    await withServer(({ server, admin, load }) => {
      const runner = adminClient(server.port);
      let script: Promise<unknown> = Promise.resolve();
      return {
        id: "6-busy-script",
        scenario: "slow Lua script (BUSY), ended by SCRIPT KILL",
        inject: async () => {
          await admin.call("CONFIG", "SET", "busy-reply-threshold", "100");
          await runner.connect();
          script = runner.eval(BUSY_SCRIPT, 0).catch((error: Error) => error);
        },
        felt: () => load.ledger.failures("COMMAND_FAILED/BUSY") > 0,
        lift: async () => {
          await admin.call("SCRIPT", "KILL");
          const ended = await script;
          runner.disconnect();
          if (!(ended instanceof Error) || !/killed/i.test(ended.message)) throw new Error(`the slow script ended unexpectedly: ${String(ended)}`);
        },
      };
    });
  });
});
