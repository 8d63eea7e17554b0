import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { queryOnce } from "./admin-query.js";
import { requireRedisSentinelBinary, requireRedisServerBinary } from "./binary.js";
import { infoField } from "./cluster-checks.js";
import { findFreePort } from "./ports.js";
import { NodeExitedEarlyError, RedisProcess, type RedisProcessConfig } from "./redis-process.js";
import { makeScratchDir } from "./registry.js";
import type { RedisProcessHandle, RedisSentinelHandle, SentinelServerHandle, StartRedisSentinelOptions } from "./types.js";
import { waitFor } from "./wait-for.js";

const READY_TIMEOUT_MS = 60_000;
const PORT_ATTEMPTS = 5;

/** A master or replica: a redis-server with a config file (Sentinel rewrites it on failover). */
class SentinelServer extends RedisProcess implements SentinelServerHandle {
  constructor(
    config: RedisProcessConfig,
    readonly role: "master" | "replica",
  ) {
    super(config);
  }
}

interface Resolved {
  masterName: string;
  replicas: number;
  sentinels: number;
  quorum: number;
  downAfterMs: number;
  failoverTimeoutMs: number;
  password: string | undefined;
  sentinelPassword: string | undefined;
  args: readonly string[];
}

function resolve(options: StartRedisSentinelOptions): Resolved {
  const sentinels = options.sentinels ?? 3;
  const resolved: Resolved = {
    masterName: options.masterName ?? "mymaster",
    replicas: options.replicas ?? 1,
    sentinels,
    quorum: options.quorum ?? Math.floor(sentinels / 2) + 1,
    downAfterMs: options.downAfterMs ?? 1_000,
    failoverTimeoutMs: options.failoverTimeoutMs ?? 10_000,
    password: options.password,
    sentinelPassword: options.sentinelPassword,
    args: options.args ?? [],
  };
  if (!/^[A-Za-z0-9_.-]+$/.test(resolved.masterName)) throw new Error(`startRedisSentinel: masterName must be letters, digits, "_", "." or "-", got "${resolved.masterName}"`);
  const counts: Array<[string, number, number]> = [["replicas", resolved.replicas, 1], ["sentinels", sentinels, 1], ["quorum", resolved.quorum, 1], ["downAfterMs", resolved.downAfterMs, 1], ["failoverTimeoutMs", resolved.failoverTimeoutMs, 1]];
  for (const [name, value, min] of counts) {
    if (!Number.isInteger(value) || value < min) throw new Error(`startRedisSentinel: ${name} must be an integer >= ${min}, got ${value}`);
  }
  if (resolved.quorum > sentinels) throw new Error(`startRedisSentinel: quorum (${resolved.quorum}) exceeds sentinels (${sentinels})`);
  for (const [name, value] of [["password", resolved.password], ["sentinelPassword", resolved.sentinelPassword]] as const) {
    if (value !== undefined && !/^[\x21-\x7e]+$/.test(value)) throw new Error(`startRedisSentinel: ${name} must be printable ASCII without spaces`);
  }
  return resolved;
}

/**
 * Starts a Sentinel deployment on loopback ports: a master, `replicas` replicas and `sentinels`
 * redis-sentinel processes (spawned directly, each in its own scratch directory). Resolves once
 * every replica is in sync and every sentinel monitors the master, sees every replica and knows
 * every other sentinel, so a failover can be decided right away.
 * @param options `masterName` (default "mymaster"), `replicas` (1), `sentinels` (3), `quorum`
 *   (majority), `downAfterMs` (1000), `failoverTimeoutMs` (10000), `password`,
 *   `sentinelPassword`, extra `args` for master and replicas.
 * @returns a handle with the servers (master first), the sentinels and their urls.
 * @throws Error for invalid options, a missing redis-server or redis-sentinel binary, or when the
 *   deployment is not ready within 60 s; every process already started is ended first.
 */
export async function startRedisSentinel(options: StartRedisSentinelOptions = {}): Promise<RedisSentinelHandle> {
  const settings = resolve(options);
  const serverBinary = requireRedisServerBinary();
  const sentinelBinary = requireRedisSentinelBinary();
  const root = makeScratchDir("sentinel");
  const started: RedisProcess[] = [];
  const deadline = Date.now() + READY_TIMEOUT_MS;

  const startOnFreePort = async <P extends RedisProcess>(make: (port: number) => P): Promise<P> => {
    let lastError: unknown;
    for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
      const proc = make(await findFreePort());
      started.push(proc);
      try {
        await proc.start();
        return proc;
      } catch (error) {
        lastError = error;
        if (!(error instanceof NodeExitedEarlyError)) break;
      }
    }
    throw lastError;
  };

  try {
    const master = await startOnFreePort((port) => new SentinelServer(serverConfig(serverBinary, root, "master", port, undefined, settings), "master"));
    const replicas = await Promise.all(
      Array.from({ length: settings.replicas }, (_, i) =>
        startOnFreePort((port) => new SentinelServer(serverConfig(serverBinary, root, `replica-${i}`, port, master.port, settings), "replica")),
      ),
    );
    // Sentinel learns replicas from the master's INFO (polled every 10 s): they must be attached first.
    await waitFor(() => replicasInSync(master.port, replicas.length, settings.password), {
      timeoutMs: Math.max(1, deadline - Date.now()),
      intervalMs: 50,
      description: "every replica to be in sync with the master",
    });
    const sentinels = await Promise.all(
      Array.from({ length: settings.sentinels }, (_, i) => startOnFreePort((port) => new RedisProcess(sentinelConfig(sentinelBinary, root, i, port, master.port, settings)))),
    );
    await waitFor(() => sentinelsReady(sentinels, settings), {
      timeoutMs: Math.max(1, deadline - Date.now()),
      intervalMs: 100,
      description: "every sentinel to see the master, its replicas and the other sentinels",
    });
    return new LocalSentinelDeployment(settings, [master, ...replicas], sentinels, root);
  } catch (error) {
    await Promise.allSettled(started.map((proc) => proc.kill()));
    rmSync(root, { recursive: true, force: true });
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`startRedisSentinel failed: ${message}`, { cause: error });
  }
}

function serverConfig(binary: string, root: string, name: string, port: number, masterPort: number | undefined, settings: Resolved): RedisProcessConfig {
  const dir = join(root, `${name}-${port}`);
  const configFile = join(root, `${name}-${port}.conf`);
  writeFileSync(configFile, ""); // Sentinel sends CONFIG REWRITE after a failover
  const args = [
    configFile,
    "--port", String(port),
    "--bind", "127.0.0.1",
    "--dir", dir,
    "--save", "",
    "--appendonly", "no",
    "--repl-diskless-sync-delay", "0",
    "--daemonize", "no",
    "--logfile", join(dir, "redis.log"),
    ...(masterPort === undefined ? [] : ["--replicaof", "127.0.0.1", String(masterPort)]),
    ...(settings.password === undefined ? [] : ["--requirepass", settings.password, "--masterauth", settings.password]),
    ...settings.args,
  ];
  return { binary, port, dir, args, label: `sentinel-deployment ${name}`, ...(settings.password === undefined ? {} : { password: settings.password }) };
}

function sentinelConfig(binary: string, root: string, index: number, port: number, masterPort: number, settings: Resolved): RedisProcessConfig {
  const dir = join(root, `sentinel-${index}-${port}`);
  const configFile = join(root, `sentinel-${index}-${port}.conf`);
  const name = settings.masterName;
  const lines = [
    `port ${port}`,
    "bind 127.0.0.1",
    "daemonize no",
    `dir ${dir}`,
    `logfile ${join(dir, "sentinel.log")}`,
    `sentinel monitor ${name} 127.0.0.1 ${masterPort} ${settings.quorum}`,
    `sentinel down-after-milliseconds ${name} ${settings.downAfterMs}`,
    `sentinel failover-timeout ${name} ${settings.failoverTimeoutMs}`,
    `sentinel parallel-syncs ${name} 1`,
    ...(settings.password === undefined ? [] : [`sentinel auth-pass ${name} ${settings.password}`]),
    ...(settings.sentinelPassword === undefined ? [] : [`requirepass ${settings.sentinelPassword}`, `sentinel sentinel-pass ${settings.sentinelPassword}`]),
  ];
  writeFileSync(configFile, `${lines.join("\n")}\n`);
  return {
    binary,
    port,
    dir,
    args: [configFile],
    logName: "sentinel.log",
    label: "sentinel",
    ...(settings.sentinelPassword === undefined ? {} : { password: settings.sentinelPassword }),
  };
}

async function replicasInSync(masterPort: number, count: number, password: string | undefined): Promise<boolean> {
  const info = String(await queryOnce(masterPort, "INFO", ["replication"], password));
  const online = (info.match(/^slave\d+:.*state=online/gm) ?? []).length;
  if (online !== count) throw new Error(`${online} of ${count} replicas online`);
  return true;
}

/** A flat `[field, value, ...]` Sentinel reply as a map. */
function fieldsOf(reply: unknown): Map<string, string> {
  const flat = Array.isArray(reply) ? reply.map(String) : [];
  const fields = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) fields.set(flat[i] as string, flat[i + 1] as string);
  return fields;
}

async function sentinelsReady(sentinels: readonly RedisProcess[], settings: Resolved): Promise<boolean> {
  await Promise.all(
    sentinels.map(async (sentinel) => {
      const master = fieldsOf(await queryOnce(sentinel.port, "SENTINEL", ["MASTER", settings.masterName], settings.sentinelPassword));
      const problem =
        master.get("flags") !== "master"
          ? `flags ${master.get("flags") ?? "?"}`
          : master.get("num-slaves") !== String(settings.replicas)
            ? `num-slaves ${master.get("num-slaves") ?? "?"}`
            : master.get("num-other-sentinels") !== String(settings.sentinels - 1)
              ? `num-other-sentinels ${master.get("num-other-sentinels") ?? "?"}`
              : undefined;
      if (problem !== undefined) throw new Error(`sentinel ${sentinel.url}: ${problem}`);
    }),
  );
  return true;
}

class LocalSentinelDeployment implements RedisSentinelHandle {
  readonly masterName: string;
  readonly servers: SentinelServerHandle[];
  readonly sentinels: RedisProcessHandle[];
  readonly sentinelUrls: string[];
  readonly #settings: Resolved;
  readonly #processes: readonly RedisProcess[];
  readonly #root: string;
  #stopping: Promise<void> | undefined;

  constructor(settings: Resolved, servers: readonly SentinelServer[], sentinels: readonly RedisProcess[], root: string) {
    this.#settings = settings;
    this.masterName = settings.masterName;
    this.servers = [...servers];
    this.sentinels = [...sentinels];
    this.sentinelUrls = sentinels.map((sentinel) => sentinel.url);
    this.#processes = [...sentinels, ...servers];
    this.#root = root;
  }

  async currentMaster(): Promise<SentinelServerHandle> {
    const ports = await this.#reportedMasterPorts();
    if (ports.size !== 1) throw new Error(`sentinels disagree on the master: ports ${[...ports].join(", ")}`);
    return this.#serverAt([...ports][0] as number);
  }

  async waitForNewMaster(previous: SentinelServerHandle, options: { timeoutMs?: number } = {}): Promise<SentinelServerHandle> {
    let promoted: SentinelServerHandle | undefined;
    await waitFor(
      async () => {
        const candidate = await this.currentMaster();
        if (candidate.port === previous.port) throw new Error(`sentinels still name ${previous.url}`);
        const role = infoField(String(await queryOnce(candidate.port, "INFO", ["replication"], this.#settings.password)), "role");
        if (role !== "master") throw new Error(`${candidate.url} reports role:${role ?? "?"}`);
        promoted = candidate;
        return true;
      },
      { timeoutMs: options.timeoutMs ?? 60_000, intervalMs: 100, description: `Sentinel to promote a replica of ${previous.url}` },
    );
    return promoted as SentinelServerHandle;
  }

  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      await Promise.all(this.#processes.map((proc) => proc.stop()));
      rmSync(this.#root, { recursive: true, force: true });
    })();
    return this.#stopping;
  }

  async #reportedMasterPorts(): Promise<Set<number>> {
    const running = this.#processes.filter((proc) => this.sentinels.includes(proc) && proc.running);
    const replies = await Promise.allSettled(
      running.map((sentinel) => queryOnce(sentinel.port, "SENTINEL", ["GET-MASTER-ADDR-BY-NAME", this.masterName], this.#settings.sentinelPassword)),
    );
    const ports = new Set<number>();
    for (const reply of replies) {
      if (reply.status === "fulfilled" && Array.isArray(reply.value)) ports.add(Number(reply.value[1]));
    }
    if (ports.size === 0) throw new Error("no sentinel answered GET-MASTER-ADDR-BY-NAME");
    return ports;
  }

  #serverAt(port: number): SentinelServerHandle {
    const server = this.servers.find((candidate) => candidate.port === port);
    if (server === undefined) throw new Error(`the sentinels name port ${port}, not a server of this deployment`);
    return server;
  }
}
