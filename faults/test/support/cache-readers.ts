import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { waitFor } from "@redis-interface/testing";
import type { MissingRead, ValueReads } from "./staleness.js";

const WORKER = join(__dirname, "..", "..", "workers", "cache-reader.mjs");

/** What a reader process reports while it runs. */
export interface ReaderProgress {
  pid: number;
  reads: number;
  hits: number;
  bypassing: boolean;
  bypassEpisodes: number;
  errors: Record<string, number>;
  untyped: number;
}

/** What a reader process reports when stopped. */
export interface ReaderResult extends ReaderProgress {
  values: ValueReads[];
  missing: MissingRead[];
  missingDropped: number;
  malformed: number;
  bypassMs: number;
}

export interface ReaderConfig {
  /** `RedisConnectionPool.connect` settings of the reader's own pool. */
  pool: Record<string, unknown>;
  keys: readonly string[];
  maxStalenessMs: number;
  invalidation: "tracking" | "broadcast";
}

interface Reader {
  child: ChildProcess;
  progress: ReaderProgress | undefined;
  result: ReaderResult | undefined;
  failure: string | undefined;
}

/**
 * Reader processes of the staleness checker (`faults/workers/cache-reader.mjs`), each with its own
 * pool and cache, started with `node` on the built packages.
 */
export class CacheReaders {
  readonly #readers: Reader[] = [];

  /** Starts one process per config and waits until every cache serves from L1. */
  static async start(configs: readonly ReaderConfig[]): Promise<CacheReaders> {
    const readers = new CacheReaders();
    for (const config of configs) readers.#spawn(config);
    try {
      await waitFor(() => readers.#check() && readers.#readers.every((reader) => reader.progress !== undefined), { timeoutMs: 60_000, description: "every cache reader to serve from L1" });
    } catch (error) {
      readers.kill();
      throw error;
    }
    return readers;
  }

  /** The latest progress of every reader. */
  get progress(): ReaderProgress[] {
    this.#check();
    return this.#readers.map((reader) => reader.progress as ReaderProgress);
  }

  /** Asks every reader to stop and waits for their results and their exit. */
  async stop(): Promise<ReaderResult[]> {
    for (const reader of this.#readers) reader.child.send({ type: "stop" });
    await waitFor(() => this.#check() && this.#readers.every((reader) => reader.result !== undefined && reader.child.exitCode !== null), {
      timeoutMs: 60_000,
      description: "every cache reader to report and exit",
    });
    return this.#readers.map((reader) => reader.result as ReaderResult);
  }

  /** Ends every reader process at once (after a failure). */
  kill(): void {
    for (const reader of this.#readers) if (reader.child.exitCode === null && reader.child.signalCode === null) reader.child.kill("SIGKILL");
  }

  #spawn(config: ReaderConfig): void {
    const child = fork(WORKER, [JSON.stringify(config)], { stdio: ["ignore", "inherit", "inherit", "ipc"], execArgv: [] });
    const reader: Reader = { child, progress: undefined, result: undefined, failure: undefined };
    child.on("message", (message: { type: string } & ReaderResult) => {
      if (message.type === "progress") reader.progress = message;
      if (message.type === "result") reader.result = message;
    });
    child.on("exit", (code, signal) => {
      if (reader.result === undefined) reader.failure = `cache reader ${child.pid} exited (${code ?? signal}) before reporting`;
    });
    this.#readers.push(reader);
  }

  /** @throws Error when a reader died before reporting. */
  #check(): true {
    const failed = this.#readers.find((reader) => reader.failure !== undefined);
    if (failed !== undefined) throw new Error(failed.failure);
    return true;
  }
}
