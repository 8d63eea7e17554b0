import type { ChildProcess } from "node:child_process";
import { mkdirSync, rmdirSync, rmSync } from "node:fs";
import type { RedisMemoryServer } from "redis-memory-server";
import { findFreePort, isPortFree, LOOPBACK } from "./ports.js";
import { answersPing } from "./probe.js";
import { endGracefully, hasExited, killNow, sendSignal, waitForPortClosed } from "./process-control.js";
import { makeScratchDir, trackProcess, untrackProcess } from "./registry.js";
import { sleep } from "./sleep.js";
import { requiredPassword } from "./system-redis-server.js";
import type { RedisServerHandle } from "./types.js";
import { waitFor } from "./wait-for.js";

type RedisMemoryServerOptions = NonNullable<ConstructorParameters<typeof RedisMemoryServer>[0]>;

const START_TIMEOUT_MS = 30_000;
const AUTO_PORT_ATTEMPTS = 5;
const FIXED_PORT_WINDOW_MS = 2_000;
const RESTART_PORT_WINDOW_MS = 15_000;

type RedisMemoryServerClass = typeof import("redis-memory-server").RedisMemoryServer;

/**
 * Starts redis-server through redis-memory-server (an optional peer dependency: it downloads and
 * builds Redis when no binary is configured), for machines without a redis-server of their own.
 * @returns a handle on the running server (it already answers PING).
 * @throws Error when redis-memory-server is not installed, or the server cannot be started.
 */
export async function startWithRedisMemoryServer(args: readonly string[], port: number | undefined): Promise<RedisServerHandle> {
  const server = new StandaloneRedisServer(await loadRedisMemoryServer(), args);
  try {
    await server.start(port);
  } catch (error) {
    server.discard();
    throw error;
  }
  return server;
}

async function loadRedisMemoryServer(): Promise<RedisMemoryServerClass> {
  try {
    return (await import("redis-memory-server")).RedisMemoryServer;
  } catch (error) {
    throw new Error(
      "startRedis: no redis-server binary found (REDISMS_SYSTEM_BINARY is unset and none is on PATH) and " +
        "redis-memory-server is not installed. Install Redis (e.g. `apt-get install redis-server` or `brew install redis`), " +
        "set REDISMS_SYSTEM_BINARY to a redis-server executable, or add the optional peer `redis-memory-server` " +
        "(it downloads and builds Redis).",
      { cause: error },
    );
  }
}

class StandaloneRedisServer implements RedisServerHandle {
  readonly host = LOOPBACK;
  readonly #args: readonly string[];
  readonly #dir: string;
  #port = 0;
  #pid = 0;
  #rms: RedisMemoryServer | null = null;
  #child: ChildProcess | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly RedisMemoryServer: RedisMemoryServerClass,
    args: readonly string[],
  ) {
    this.#args = args;
    this.#dir = makeScratchDir("server");
  }

  get port(): number {
    return this.#port;
  }

  get url(): string {
    return `redis://${this.host}:${this.#port}`;
  }

  get pid(): number {
    return this.#pid;
  }

  /** First start: a fixed port is tried briefly, an automatic one is re-drawn on failure. */
  async start(fixedPort: number | undefined): Promise<void> {
    if (fixedPort !== undefined) {
      await this.#launchOnFixedPort(fixedPort, FIXED_PORT_WINDOW_MS);
      return;
    }
    let lastError: unknown;
    for (let attempt = 0; attempt < AUTO_PORT_ATTEMPTS; attempt++) {
      const port = await findFreePort();
      try {
        await this.#launch(port);
        return;
      } catch (error) {
        lastError = error;
        if (!isPortClash(error)) break; // e.g. no binary: retrying on another port will not help
      }
    }
    throw startFailure(`startRedis: redis-server did not start`, lastError);
  }

  /** Removes the data directory of a server that never started. */
  discard(): void {
    rmSync(this.#dir, { recursive: true, force: true });
  }

  stop(): Promise<void> {
    return this.#enqueue(() => this.#stopNow());
  }

  kill(): Promise<void> {
    return this.#enqueue(async () => {
      const rms = this.#rms;
      const child = this.#child;
      if (rms === null || child === null) return;
      await killNow(child, this.#pid);
      await stopQuietly(rms); // reaps redis-memory-server's helper process and resets it
      this.#rms = null;
      this.#child = null;
      await waitForPortClosed(this.host, this.#port);
    });
  }

  freeze(): void {
    const child = this.#child;
    if (child === null || hasExited(child)) {
      throw new Error(`freeze: redis-server on port ${this.#port} is not running`);
    }
    sendSignal(this.#pid, "SIGSTOP");
  }

  thaw(): void {
    const child = this.#child;
    if (child !== null && !hasExited(child)) sendSignal(this.#pid, "SIGCONT");
  }

  restart(): Promise<void> {
    return this.#enqueue(async () => {
      await this.#stopNow();
      await this.#launchOnFixedPort(this.#port, RESTART_PORT_WINDOW_MS);
    });
  }

  #enqueue(operation: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(operation, operation);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #stopNow(): Promise<void> {
    const rms = this.#rms;
    const child = this.#child;
    if (rms === null || child === null) return;
    await endGracefully(child, this.#pid, () => rms.stop());
    await stopQuietly(rms);
    this.#rms = null;
    this.#child = null;
    removeIfEmpty(this.#dir);
  }

  /** Starts on `port`, waiting for it to be free and retrying until `windowMs` has passed. */
  async #launchOnFixedPort(port: number, windowMs: number): Promise<void> {
    const deadline = Date.now() + windowMs;
    let lastError: unknown = new Error(`port ${port} is in use`);
    while (Date.now() < deadline) {
      if (await isPortFree(port)) {
        try {
          await this.#launch(port);
          return;
        } catch (error) {
          lastError = error;
          if (!isPortClash(error)) break;
        }
      }
      await sleep(50);
    }
    throw startFailure(`redis-server could not be started on ${this.host}:${port}`, lastError);
  }

  async #launch(port: number): Promise<void> {
    mkdirSync(this.#dir, { recursive: true });
    // No `binary`: this path is taken only when no system binary was found, so redis-memory-server's
    // own configuration (package.json "redisMemoryServer", or a download) applies.
    const opts: RedisMemoryServerOptions = { instance: { port, ip: this.host, args: ["--dir", this.#dir, ...this.#args] } };
    const rms = new this.RedisMemoryServer(opts);
    // redis-memory-server picks its port through get-port, which refuses ports it handed out in
    // the last 15-30 s and then silently picks a random one. Its restart path reuses
    // `_previousInstanceConfig.port` verbatim; seeding it pins the port we chose.
    rms._previousInstanceConfig = { port };
    const started = rms.start();
    try {
      await withTimeout(started, START_TIMEOUT_MS, `redis-server start on port ${port}`);
    } catch (error) {
      // if it still comes up later, stop it then
      started.then(() => stopQuietly(rms), () => undefined);
      throw asError(error);
    }
    const info = rms.instanceInfoSync;
    const child = info?.childProcess;
    const pid = info?.instance.getPid();
    if (info === null || child === undefined || pid === undefined || info.port !== port) {
      await stopQuietly(rms);
      throw new Error(`redis-memory-server started on an unexpected port (${info?.port ?? "?"} != ${port})`);
    }
    trackProcess(pid);
    child.once("exit", () => untrackProcess(pid));
    this.#rms = rms;
    this.#child = child;
    this.#pid = pid;
    this.#port = port;
    try {
      await waitFor(() => answersPing(this.host, port, pid, 1_000, requiredPassword(this.#args)), {
        timeoutMs: 10_000,
        description: `redis-server on ${this.host}:${port} to answer PING`,
      });
    } catch (error) {
      await this.#stopNow();
      throw error;
    }
  }
}

async function stopQuietly(rms: RedisMemoryServer): Promise<void> {
  try {
    await rms.stop();
  } catch {
    // a failed start leaves a rejected instance behind: nothing left to stop
  }
}

function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir); // only succeeds when redis left no files behind
  } catch {
    // not empty (persistence args): kept for restart(), removed with the scratch root
  }
}

/** redis-memory-server's failure texts when the port was taken (or the server quit at once). */
function isPortClash(error: unknown): boolean {
  return /in use|shutting down|unexpected port/i.test(error instanceof Error ? error.message : String(error));
}

function startFailure(what: string, cause: unknown): Error {
  const reason = cause instanceof Error ? cause.message : String(cause);
  // this path is only taken when no system binary was found
  const hint =
    " (no redis-server found: REDISMS_SYSTEM_BINARY is unset and none is on PATH, so " +
    "redis-memory-server had to download and build Redis; install redis-server or set REDISMS_SYSTEM_BINARY)";
  return new Error(`${what}: ${reason}${hint}`, { cause });
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
