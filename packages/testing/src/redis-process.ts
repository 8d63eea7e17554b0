import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LOOPBACK, isPortFree } from "./ports.js";
import { answersPing } from "./probe.js";
import { endGracefully, hasExited, killNow, sendSignal, waitForPortClosed } from "./process-control.js";
import { trackProcess, untrackProcess } from "./registry.js";
import { sleep } from "./sleep.js";

const START_TIMEOUT_MS = 15_000;
const RESTART_PORT_WINDOW_MS = 15_000;

/** Settings of one server process. */
export interface RedisProcessConfig {
  /** redis-server or redis-sentinel. */
  binary: string;
  port: number;
  /** Working directory (data, logs); it survives restarts. */
  dir: string;
  /** Full command line after the binary; the log must go to `<dir>/<logName>`. */
  args: readonly string[];
  /** Log file name inside `dir`, for error messages (default `redis.log`). */
  logName?: string;
  /** Sent with AUTH by the readiness probe (a server with `requirepass`). */
  password?: string;
  /** Names the process in errors, e.g. "cluster node" or "sentinel". */
  label: string;
}

/** Raised when a node process exits before it answered PING (e.g. its port was taken). */
export class NodeExitedEarlyError extends Error {}

/**
 * One redis-server (or redis-sentinel) process spawned directly (not daemonized) so that its pid
 * is ours, with kill/freeze/thaw/restart/stop. Its directory survives restarts.
 */
export class RedisProcess {
  readonly host = LOOPBACK;
  readonly port: number;
  readonly #config: RedisProcessConfig;
  #child: ChildProcess | null = null;
  #pid = 0;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(config: RedisProcessConfig) {
    this.#config = config;
    this.port = config.port;
  }

  get pid(): number {
    return this.#pid;
  }

  /** Whether the process was started and has not exited (a frozen process counts as running). */
  get running(): boolean {
    return this.#child !== null && !hasExited(this.#child);
  }

  /** `host:port`, the format of cluster seeds, sentinel addresses and core's settings. */
  get url(): string {
    return `${this.host}:${this.port}`;
  }

  /**
   * Spawns the process and waits until it answers PING.
   * @returns a promise resolved once the process answers PING.
   * @throws NodeExitedEarlyError (with the log tail) if the process exits first; Error on timeout.
   */
  async start(): Promise<void> {
    mkdirSync(this.#config.dir, { recursive: true });
    const child = spawn(this.#config.binary, [...this.#config.args], { stdio: "ignore" });
    let spawnError: Error | undefined;
    child.on("error", (error) => {
      spawnError = error;
    });
    const pid = child.pid;
    if (pid === undefined) {
      await new Promise((resolve) => setImmediate(resolve));
      throw new Error(`could not spawn ${this.#config.binary}: ${spawnError?.message ?? "no pid"}`, {
        cause: spawnError,
      });
    }
    trackProcess(pid);
    child.once("exit", () => untrackProcess(pid));
    this.#child = child;
    this.#pid = pid;
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (hasExited(child)) {
        throw new NodeExitedEarlyError(
          `${this.#config.label} ${this.url} exited (${child.exitCode ?? child.signalCode}) before answering ` +
            `PING${spawnError ? `: ${spawnError.message}` : ""}; log tail:\n${this.logTail()}`,
        );
      }
      if (await answersPing(this.host, this.port, pid, 1_000, this.#config.password)) return;
      if (Date.now() >= deadline) {
        await killNow(child, pid);
        throw new Error(`${this.#config.label} ${this.url} did not answer PING within ${START_TIMEOUT_MS} ms`);
      }
      await sleep(25);
    }
  }

  /**
   * Graceful end: SIGCONT, SIGTERM, SIGKILL after 5 s; idempotent.
   * @returns a promise resolved once the process has exited; never rejects.
   */
  stop(): Promise<void> {
    return this.#enqueue(() => this.#stopNow());
  }

  /**
   * SIGKILL (simulated crash); a no-op when not running.
   * @returns a promise resolved once the process has exited and the port refuses connections.
   * @throws Error if the port still accepts connections 10 s later (another process took it).
   */
  kill(): Promise<void> {
    return this.#enqueue(async () => {
      const child = this.#child;
      if (child === null) return;
      await killNow(child, this.#pid);
      this.#child = null;
      await waitForPortClosed(this.host, this.port);
    });
  }

  /**
   * SIGSTOP: the process stops replying (the kernel still accepts connections).
   * @returns nothing.
   * @throws Error if the process is not running.
   */
  freeze(): void {
    const child = this.#child;
    if (child === null || hasExited(child)) {
      throw new Error(`freeze: ${this.#config.label} ${this.url} is not running`);
    }
    sendSignal(this.#pid, "SIGSTOP");
  }

  /**
   * SIGCONT; a no-op when the process is not running.
   * @returns nothing.
   */
  thaw(): void {
    const child = this.#child;
    if (child !== null && !hasExited(child)) sendSignal(this.#pid, "SIGCONT");
  }

  /**
   * Stops the process if needed, then starts it again on the same port, directory and command
   * line; retries for up to 15 s while the port is busy.
   * @returns a promise resolved when the new process answers PING.
   * @throws Error if it cannot be started again.
   */
  restart(): Promise<void> {
    return this.#enqueue(async () => {
      await this.#stopNow();
      const deadline = Date.now() + RESTART_PORT_WINDOW_MS;
      for (;;) {
        try {
          if (await isPortFree(this.port)) {
            await this.start();
            return;
          }
        } catch (error) {
          if (!(error instanceof NodeExitedEarlyError) || Date.now() >= deadline) throw error;
        }
        if (Date.now() >= deadline) {
          throw new Error(`restart: port ${this.port} still busy after ${RESTART_PORT_WINDOW_MS} ms`);
        }
        await sleep(50);
      }
    });
  }

  /** Last lines of this node's log file, for error messages. */
  logTail(lines = 15): string {
    try {
      return readFileSync(join(this.#config.dir, this.#config.logName ?? "redis.log"), "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
      return "(no log)";
    }
  }

  #enqueue(operation: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(operation, operation);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #stopNow(): Promise<void> {
    const child = this.#child;
    if (child === null) return;
    const pid = this.#pid;
    await endGracefully(child, pid, async () => {
      sendSignal(pid, "SIGTERM");
    });
    this.#child = null;
  }
}
