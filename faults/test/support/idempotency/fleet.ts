import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { findFreePort, waitFor } from "@redis-interface/testing";

/** What a payments worker is told (faults/workers/payments-worker.mjs reads it from `PAYMENTS_WORKER`). */
export interface WorkerConfig {
  impl: "ours" | "theirs";
  redisPort?: number;
  sentinel?: { masterName: string; sentinels: string[] };
  ledgerPort: number;
  /** Prefix of the ledger's keys, one per run. */
  ledgerPrefix: string;
  leaseMs: number;
  durability: "none" | "wait";
}

/** A worker death: planned (`point` is the crash point it reported) or not. */
export interface Crash {
  at: number;
  port: number;
  point: string | undefined;
}

const WORKER_FILE = join(__dirname, "..", "..", "..", "workers", "payments-worker.mjs");
const READY_TIMEOUT_MS = 60_000;

interface Slot {
  port: number;
  child: ChildProcess | undefined;
  ready: boolean;
}

/**
 * Payments worker processes on fixed ports. A worker that dies (SIGKILLed by its own crash hook,
 * or anything else) is recorded and started again on the same port until `stop()`.
 */
export class WorkerFleet {
  readonly crashes: Crash[] = [];
  readonly #slots: Slot[] = [];
  #stopping = false;

  private constructor(private readonly config: WorkerConfig) {}

  /** Starts `count` workers and waits until every one listens. */
  static async start(config: WorkerConfig, count: number): Promise<WorkerFleet> {
    const fleet = new WorkerFleet(config);
    for (let index = 0; index < count; index++) fleet.#slots.push({ port: await findFreePort(), child: undefined, ready: false });
    try {
      for (const slot of fleet.#slots) fleet.#spawn(slot);
      await waitFor(() => fleet.#slots.every((slot) => slot.ready), { timeoutMs: READY_TIMEOUT_MS, description: "every payments worker to listen" });
    } catch (error) {
      await fleet.stop();
      throw error;
    }
    return fleet;
  }

  /** Ports of every worker (one may be down for a moment while it restarts). */
  get ports(): number[] {
    return this.#slots.map((slot) => slot.port);
  }

  /** Resolves once every worker listens (one may be restarting after a crash). */
  async allReady(): Promise<void> {
    if (this.#slots.every((slot) => slot.ready)) return;
    await waitFor(() => this.#slots.every((slot) => slot.ready), { timeoutMs: READY_TIMEOUT_MS, intervalMs: 10, description: "every payments worker to listen again" });
  }

  /** Ends every worker (SIGTERM, SIGKILL after 5 s) and waits until all exited. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await Promise.all(this.#slots.map((slot) => endChild(slot.child)));
  }

  #spawn(slot: Slot): void {
    const child = fork(WORKER_FILE, [], {
      env: { ...process.env, NODE_ENV: "production", PAYMENTS_WORKER: JSON.stringify({ ...this.config, port: slot.port }) },
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    slot.child = child;
    slot.ready = false;
    let stderr = "";
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (text: string) => {
      stderr += text;
    });
    child.on("message", () => {
      slot.ready = true;
    });
    child.once("exit", () => {
      if (slot.child !== child) return;
      slot.ready = false;
      if (this.#stopping) return;
      const point = /crash:([a-z-]+)/.exec(stderr)?.[1];
      if (point === undefined && process.env["FAULTS_DEBUG"]) console.log(`payments worker on ${slot.port} died unplanned: ${stderr.slice(-500)}`);
      this.crashes.push({ at: performance.now(), port: slot.port, point });
      this.#spawn(slot);
    });
  }
}

function endChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
