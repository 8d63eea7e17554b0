import { tracingChannel } from "node:diagnostics_channel";
import { performance } from "node:perf_hooks";
import { NO_COMMANDS, recordingClient } from "./command-recorder.js";
import type { RedisClient } from "./connection.js";
import { isRedisError, type RedisErrorCode } from "./errors.js";

/** The name of the `diagnostics_channel` tracing channel every package command is published on. */
export const COMMAND_TRACE_CHANNEL = "redis-interface:command";

/**
 * What a subscriber of `redis-interface:command` receives (the same object on `start`, `end`,
 * `asyncStart`, `asyncEnd` and `error`). It never holds a key, a value, a reply or a password:
 * only names and counts. Unlike Node's `tracePromise`, no `result` is set.
 */
export interface RedisCommandTrace {
  /** The public function that sent the command, e.g. `setKey`, `streamAppendEntry`. */
  readonly operation: string;
  /** Redis command names sent for it, upper case, in order (`["MGET"]`, `["EVALSHA", "EVAL"]`); complete at `asyncEnd` (the array is replaced as commands go out: read it then, not at `start`). */
  readonly commands: string[];
  /** Keys named by those commands (after the view's prefix; counted, never listed). */
  keyCount: number;
  /** Sent with `executeBlocking` (XREAD BLOCK, …), on a dedicated connection. */
  readonly blocking: boolean;
  /** Sent on a dedicated connection (a blocking command, a pub/sub subscriber's SUBSCRIBE…), not a shared one. */
  readonly dedicated: boolean;
  /** The pool is a cluster client. */
  readonly cluster: boolean;
  /** Milliseconds from the call (including any wait for a connection) until it settled; set before `asyncEnd`/`error`. */
  durationMs?: number;
  /** The `RedisError` code when it failed; set before `error` is published. */
  errorCode?: RedisErrorCode;
  /** The first word of the server's error reply (`WRONGTYPE`, `NOSCRIPT`…), when there was one. */
  replyCode?: string;
  /** The error it failed with (a `RedisError`; its message names the key, never a value). */
  error?: unknown;
}

/** The trace of one call; one class so every trace has the same shape. */
export class CommandTrace implements RedisCommandTrace {
  commands: string[] = NO_COMMANDS;
  keyCount = 0;
  durationMs: number | undefined = undefined;
  // set only when the call fails (no slots allocated on every trace for them)
  declare errorCode?: RedisErrorCode;
  declare replyCode?: string;
  declare error?: unknown;

  constructor(
    readonly operation: string,
    readonly blocking: boolean,
    readonly cluster: boolean,
    readonly dedicated: boolean = blocking,
  ) {}
}

const channel = tracingChannel<unknown, RedisCommandTrace>(COMMAND_TRACE_CHANNEL);

/** True when someone subscribed to `redis-interface:command` (the only cost without one is this check). */
export function isCommandTracingEnabled(): boolean {
  return channel.hasSubscribers;
}

/**
 * Publishes `start`, runs `send` inside the stores bound to `start` (so an APM's context reaches
 * the command), publishes `end`. The caller publishes the rest with `finishTrace` when it settles.
 * `send` must not throw (it answers with a rejected promise).
 */
export function startTrace<A, B, C, D, E, T>(trace: CommandTrace, send: (a: A, b: B, c: C, d: D, e: E) => Promise<T>, thisArg: unknown, a: A, b: B, c: C, d: D, e: E): Promise<T> {
  let reply: Promise<T>;
  if (hasNoBoundStores(channel.start)) {
    channel.start.publish(trace);
    reply = send.call(thisArg, a, b, c, d, e);
  } else {
    reply = channel.start.runStores(trace, send, thisArg, a, b, c, d, e);
  }
  channel.end.publish(trace);
  return reply;
}

/**
 * True when nobody bound a store (`AsyncLocalStorage`) to the channel, so `runStores` would only
 * publish and call: Node's `runStores` allocates a closure, an args array and a Map iterator per
 * call even then (about a third of what a traced call allocates). Reads Node's internal `_stores`
 * map; when it is not there (another Node version, or not active), `runStores` is used as before.
 */
function hasNoBoundStores(start: object): boolean {
  const stores = (start as { _stores?: { size?: unknown } })._stores;
  return typeof stores === "object" && stores !== null && stores.size === 0;
}

/** Sets the duration (and the error's codes) and publishes `error` when it failed, then `asyncStart` and `asyncEnd`. */
export function finishTrace(trace: CommandTrace, startedAt: number, error: unknown): void {
  trace.durationMs = performance.now() - startedAt;
  if (error !== undefined) {
    trace.error = error;
    if (isRedisError(error)) {
      trace.errorCode = error.code;
      if (error.replyCode !== undefined) trace.replyCode = error.replyCode;
    }
    channel.error.publish(trace);
  }
  channel.asyncStart.publish(trace);
  channel.asyncEnd.publish(trace);
}

/**
 * Publishes a call answered outside the pool's queue (a blocking command, a dedicated connection's):
 * `start`/`end` around `send()` as `startTrace` does, then `finishTrace` when its promise settles.
 * A synchronous throw of `send` becomes the rejection.
 */
export function traceUntilSettled<T>(trace: CommandTrace, send: () => Promise<T>): Promise<T> {
  const startedAt = performance.now();
  const guarded = (): Promise<T> => {
    try {
      return send();
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return startTrace(trace, guarded, undefined, undefined, undefined, undefined, undefined, undefined).then(
    (value) => {
      finishTrace(trace, startedAt, undefined);
      return value;
    },
    (error: unknown) => {
      finishTrace(trace, startedAt, error ?? new Error("rejected without a reason"));
      throw error;
    },
  );
}

/**
 * Runs `run(client)` on a connection the caller owns (from `createDedicatedConnection`: a
 * subscriber's SUBSCRIBE, UNSUBSCRIBE…) and, when someone listens, publishes it on the
 * `redis-interface:command` tracing channel like `execute` does (`dedicated: true`). Sends only
 * what `run` sends; maps no errors.
 * @param cluster whether the connection is a cluster client (the trace's `cluster`).
 * @returns what `run` returns.
 * @throws whatever `run` throws (as a rejection).
 */
export function traceDedicatedCommand<T>(operation: string, cluster: boolean, client: RedisClient, run: (client: RedisClient) => Promise<T>): Promise<T> {
  if (!isCommandTracingEnabled()) return run(client);
  const trace = new CommandTrace(operation, false, cluster, true);
  return traceUntilSettled(trace, () => run(recordingClient(client, trace)));
}
