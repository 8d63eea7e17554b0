import { rmdirSync, rmSync } from "node:fs";
import { findFreePort, isPortFree, LOOPBACK } from "./ports.js";
import { NodeExitedEarlyError, RedisProcess } from "./redis-process.js";
import type { RedisServerHandle } from "./types.js";

const AUTO_PORT_ATTEMPTS = 5;
const LOG_NAME = "redis.log";

/**
 * A standalone redis-server spawned directly from a binary on this machine (no redis-memory-server,
 * nothing downloaded). The command line starts like redis-memory-server's
 * (`--port P --bind 127.0.0.1 --save "" --appendonly no`) and the caller's args come last, so they win.
 */
export class SystemRedisServer implements RedisServerHandle {
  readonly host = LOOPBACK;
  #process: RedisProcess | undefined;

  private constructor(
    private readonly binary: string,
    private readonly dir: string,
    private readonly args: readonly string[],
  ) {}

  /**
   * Spawns `binary` on `port` (or on a free port, re-drawn when it was taken meanwhile).
   * @returns the running server (it answers PING).
   * @throws Error when it cannot be started (the log tail is in the message).
   */
  static async start(binary: string, dir: string, args: readonly string[], port: number | undefined): Promise<SystemRedisServer> {
    const server = new SystemRedisServer(binary, dir, args);
    // checked first: the readiness probe would otherwise connect to whatever holds the port
    if (port !== undefined && !(await isPortFree(port))) throw new Error(`port ${port} is in use`);
    let lastError: unknown;
    for (let attempt = 0; attempt < (port === undefined ? AUTO_PORT_ATTEMPTS : 1); attempt++) {
      const candidate = server.#processOn(port ?? (await findFreePort()));
      try {
        await candidate.start();
        server.#process = candidate;
        return server;
      } catch (error) {
        lastError = error;
        if (!(error instanceof NodeExitedEarlyError)) break; // a timeout or a bad binary: another port will not help
      }
    }
    throw lastError;
  }

  get port(): number {
    return this.#running().port;
  }

  get url(): string {
    return `redis://${this.host}:${this.port}`;
  }

  get pid(): number {
    return this.#running().pid;
  }

  async stop(): Promise<void> {
    await this.#running().stop();
    rmSync(`${this.dir}/${LOG_NAME}`, { force: true });
    try {
      rmdirSync(this.dir); // only when redis left no data behind
    } catch {
      // persistence files: kept for restart(), removed with the scratch root
    }
  }

  kill(): Promise<void> {
    return this.#running().kill();
  }

  freeze(): void {
    this.#running().freeze();
  }

  thaw(): void {
    this.#running().thaw();
  }

  restart(): Promise<void> {
    return this.#running().restart();
  }

  #running(): RedisProcess {
    if (this.#process === undefined) throw new Error("startRedis: the server was never started");
    return this.#process;
  }

  #processOn(port: number): RedisProcess {
    return new RedisProcess({
      binary: this.binary,
      port,
      dir: this.dir,
      label: "redis-server",
      logName: LOG_NAME,
      ...passwordOf(this.args),
      args: [
        "--port", String(port),
        "--bind", LOOPBACK,
        "--save", "",
        "--appendonly", "no",
        "--daemonize", "no",
        "--dir", this.dir,
        "--logfile", `${this.dir}/${LOG_NAME}`,
        ...this.args,
      ],
    });
  }
}

function passwordOf(args: readonly string[]): { password?: string } {
  const password = requiredPassword(args);
  return password === undefined ? {} : { password };
}

/** The password a server started with `args` requires (`--requirepass <pw>`), if any. */
export function requiredPassword(args: readonly string[]): string | undefined {
  const index = args.lastIndexOf("--requirepass");
  return index >= 0 ? args[index + 1] : undefined;
}
