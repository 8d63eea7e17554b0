import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { HostMessage, WorkerMessage } from "./protocol.js";
import { WORKER_ENV_VARIABLE } from "./protocol.js";
import type { BenchEnv, CellParams, Measurement } from "./types.js";

const WORKER_SCRIPT = fileURLToPath(new URL("../worker.js", import.meta.url));

/** Parent-side handle of one worker process (one configuration of one scenario). */
export class WorkerHandle {
  private waiter: { resolve: (message: WorkerMessage) => void; reject: (error: Error) => void } | undefined;
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly name: string,
  ) {
    child.on("message", (message: WorkerMessage) => {
      const waiter = this.waiter;
      this.waiter = undefined;
      waiter?.resolve(message);
    });
    child.on("exit", (code, signal) => {
      this.exited = true;
      const waiter = this.waiter;
      this.waiter = undefined;
      waiter?.reject(new Error(`worker ${name} exited (${signal ?? `code ${code}`})`));
    });
  }

  /**
   * Forks `dist/worker.js` for `scenario`/`config` (`*`: every configuration) and waits until it has connected and prefilled.
   * `execArgv` adds Node flags (e.g. `--cpu-prof`).
   * @throws Error with the worker's stack when its setup fails.
   */
  static async start(env: BenchEnv, scenario: string, config: string, execArgv: string[] = []): Promise<WorkerHandle> {
    const child = fork(WORKER_SCRIPT, [scenario, config], {
      env: { ...process.env, [WORKER_ENV_VARIABLE]: JSON.stringify(env) },
      execArgv,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const handle = new WorkerHandle(child, `${scenario}/${config}`);
    const first = await handle.next(120_000);
    if (first.type !== "ready") {
      handle.kill();
      throw new Error(`worker ${handle.name} failed to start: ${first.type === "error" ? first.message : first.type}`);
    }
    return handle;
  }

  /** Runs one cell in the worker. @throws Error with the worker's stack when the cell fails. */
  async run(cell: CellParams, config?: string, timeoutMs = 180_000): Promise<Measurement> {
    this.post(config === undefined ? { type: "run", cell } : { type: "run", cell, config });
    const reply = await this.next(timeoutMs);
    if (reply.type === "result") return reply.measurement;
    throw new Error(`worker ${this.name}: ${reply.type === "error" ? reply.message : `unexpected ${reply.type}`}`);
  }

  /** Asks the worker to close its clients and exit; kills it if it does not within a few seconds. */
  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    try {
      this.post({ type: "close" });
      await this.next(10_000);
    } catch {
      // exited or timed out: fall through to the kill
    }
    const timer = setTimeout(() => this.kill(), 5_000);
    await exited;
    clearTimeout(timer);
  }

  /** SIGKILL (used on failures). */
  kill(): void {
    if (!this.exited) this.child.kill("SIGKILL");
  }

  private post(message: HostMessage): void {
    this.child.send(message);
  }

  private next(timeoutMs: number): Promise<WorkerMessage> {
    if (this.exited) return Promise.reject(new Error(`worker ${this.name} has exited`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`worker ${this.name} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = {
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }
}
