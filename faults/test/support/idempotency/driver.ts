import { Agent, request, type IncomingHttpHeaders } from "node:http";

/** Where a worker SIGKILLs itself when a request carries `x-crash-at` (faults/workers/payments-worker.mjs). */
export const CRASH_POINTS = ["before-lease", "after-lease", "before-effect", "after-effect", "after-store", "after-respond"] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

/** One idempotency key of a run: its amount, and the crash its first request asks for. */
export interface KeyPlan {
  key: string;
  amount: number;
  crashAt?: CrashPoint;
}

/** What the clients of one key saw. */
export interface KeyOutcome {
  plan: KeyPlan;
  startedAt: number;
  finishedAt: number;
  /** `performance.now()` of the first 2xx any client got. */
  firstSuccessAt: number | undefined;
  /** The first 2xx: every later 2xx must equal it (status, content type, body bytes). */
  reference: { status: number; contentType: string | undefined; body: Buffer } | undefined;
  successes: number;
  notIdentical: number;
  /** Requests that got no 2xx before their deadline. */
  gaveUp: number;
  /** Status of the request sent with the same key and another body after the key completed. */
  mismatchStatus: number | undefined;
  /** `status` (or the connection error's code) → count, over every request of the key. */
  answers: Map<string, number>;
}

type Answer = { status: number; headers: IncomingHttpHeaders; body: Buffer } | { error: string };

export interface DriverOptions {
  /** Concurrent requests per key (the first of them carries the crash). */
  duplicates: number;
  /** A request that got no 2xx this long after it started gives up. */
  giveUpMs: number;
  /** Clients wait what `Retry-After` says, but no longer than this (with jitter). */
  maxRetryWaitMs: number;
  requestTimeoutMs: number;
  /** Resolves once every worker listens: a crashing request is only sent then. */
  workersReady: () => Promise<void>;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The clients of the crash-torture suite: for each key, `duplicates` concurrent requests (with a
 * crash point: the first asks its worker to crash there, the others follow once it did) that
 * retry until they get a 2xx (waiting what `Retry-After` says, capped, after a 409), over
 * keep-alive connections spread round-robin over the workers; then, once the key completed, one
 * request with another body under the same key and one more retry. Counts every answer.
 */
export class PaymentsDriver {
  readonly outcomes: KeyOutcome[] = [];
  requests = 0;
  connectionErrors = 0;
  conflicts = 0;
  conflictsWithoutRetryAfter = 0;
  readonly statuses = new Map<number, number>();
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 256 });
  #next = 0;

  constructor(
    private readonly ports: () => number[],
    private readonly options: DriverOptions,
  ) {}

  /**
   * Runs every plan: the keys with a crash point one after another (so that no other crash kills
   * a crashing request before it reached its point), the others `parallel - 1` at a time beside
   * them; `keyDone(count)` after each key.
   */
  async runKeys(plans: readonly KeyPlan[], parallel: number, keyDone: (count: number) => void = () => undefined): Promise<void> {
    let done = 0;
    const lane = async (queue: KeyPlan[]): Promise<void> => {
      for (let plan = queue.shift(); plan; plan = queue.shift()) {
        this.outcomes.push(await this.#runKey(plan));
        keyDone(++done);
      }
    };
    const clean = plans.filter((plan) => plan.crashAt === undefined);
    await Promise.all([lane(plans.filter((plan) => plan.crashAt !== undefined)), ...Array.from({ length: Math.max(1, parallel - 1) }, () => lane(clean))]);
  }

  close(): void {
    this.#agent.destroy();
  }

  async #runKey(plan: KeyPlan): Promise<KeyOutcome> {
    const outcome: KeyOutcome = { plan, startedAt: performance.now(), finishedAt: 0, firstSuccessAt: undefined, reference: undefined, successes: 0, notIdentical: 0, gaveUp: 0, mismatchStatus: undefined, answers: new Map() };
    const body = JSON.stringify({ amount: plan.amount, currency: "EUR" });
    if (plan.crashAt === undefined) {
      await Promise.all(Array.from({ length: this.options.duplicates }, () => this.#untilSuccess(outcome, body)));
    } else {
      // the duplicates follow once the crashing request got its worker killed (or, rarely, an
      // answer), so that it was the one to take the lease: they meet the dead holder's lease
      let settled!: () => void;
      const firstSettled = new Promise<void>((resolve) => (settled = resolve));
      const first = this.#untilSuccess(outcome, body, plan.crashAt, settled);
      await firstSettled;
      await Promise.all([first, ...Array.from({ length: this.options.duplicates - 1 }, () => this.#untilSuccess(outcome, body))]);
    }
    if (outcome.reference !== undefined) {
      outcome.mismatchStatus = await this.#mismatchProbe(plan);
      await this.#untilSuccess(outcome, body);
    }
    outcome.finishedAt = performance.now();
    return outcome;
  }

  /**
   * Sends until a 2xx (or the deadline). With `crashAt` the request asks its worker to crash there
   * for as long as it gets 5xx answers (Redis was down: nothing ran); a connection error (its
   * crash, or another) or any other answer ends the asking.
   */
  async #untilSuccess(outcome: KeyOutcome, body: string, crashAt?: CrashPoint, firstSettled?: () => void): Promise<void> {
    const deadline = performance.now() + this.options.giveUpMs;
    let asking = crashAt;
    for (;;) {
      if (asking !== undefined) await this.options.workersReady();
      const answer = await this.#post(outcome.plan.key, body, asking);
      const label = "error" in answer ? answer.error : String(answer.status);
      outcome.answers.set(label, (outcome.answers.get(label) ?? 0) + 1);
      if ("error" in answer || answer.status < 500) {
        if (asking !== undefined) firstSettled?.();
        asking = undefined;
      }
      let waitMs = 100; // after a connection error (a worker restarting) or a 5xx
      if (!("error" in answer) && answer.status >= 200 && answer.status < 300) {
        this.#compare(outcome, answer);
        return;
      } else if (!("error" in answer) && answer.status === 409) waitMs = this.#retryAfterMs(answer.headers);
      if (performance.now() + waitMs > deadline) {
        firstSettled?.();
        outcome.gaveUp++;
        return;
      }
      await pause(waitMs * (0.5 + Math.random()));
    }
  }

  /** Another body under a completed key: retried through connection errors and 5xx, then its status. */
  async #mismatchProbe(plan: KeyPlan): Promise<number | undefined> {
    const deadline = performance.now() + this.options.giveUpMs;
    const body = JSON.stringify({ amount: plan.amount + 1, currency: "EUR" });
    while (performance.now() < deadline) {
      const answer = await this.#post(plan.key, body, undefined);
      if (!("error" in answer) && answer.status < 500) return answer.status;
      await pause(100);
    }
    return undefined;
  }

  #retryAfterMs(headers: IncomingHttpHeaders): number {
    this.conflicts++;
    const seconds = Number(headers["retry-after"]);
    if (!Number.isInteger(seconds) || seconds < 1) {
      this.conflictsWithoutRetryAfter++;
      return this.options.maxRetryWaitMs;
    }
    return Math.min(seconds * 1_000, this.options.maxRetryWaitMs);
  }

  #compare(outcome: KeyOutcome, answer: { status: number; headers: IncomingHttpHeaders; body: Buffer }): void {
    outcome.successes++;
    const contentType = answer.headers["content-type"];
    if (outcome.reference === undefined) {
      outcome.reference = { status: answer.status, contentType, body: answer.body };
      outcome.firstSuccessAt = performance.now();
      return;
    }
    const same = outcome.reference.status === answer.status && outcome.reference.contentType === contentType && outcome.reference.body.equals(answer.body);
    if (!same) outcome.notIdentical++;
  }

  #post(key: string, body: string, crashAt: CrashPoint | undefined): Promise<Answer> {
    const ports = this.ports();
    const port = ports[this.#next++ % ports.length] as number;
    this.requests++;
    const headers: Record<string, string | number> = { "content-type": "application/json", "content-length": Buffer.byteLength(body), "idempotency-key": key };
    if (crashAt !== undefined) headers["x-crash-at"] = crashAt;
    return new Promise<Answer>((resolve) => {
      let settled = false;
      const settle = (answer: Answer): void => {
        if (settled) return;
        settled = true;
        if ("error" in answer) this.connectionErrors++;
        else this.statuses.set(answer.status, (this.statuses.get(answer.status) ?? 0) + 1);
        resolve(answer);
      };
      const req = request({ host: "127.0.0.1", port, method: "POST", path: "/payments", agent: this.#agent, headers, timeout: this.options.requestTimeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => settle({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", (error: NodeJS.ErrnoException) => settle({ error: error.code ?? error.message }));
      });
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", (error: NodeJS.ErrnoException) => settle({ error: error.code ?? error.message }));
      req.end(body);
    });
  }
}
