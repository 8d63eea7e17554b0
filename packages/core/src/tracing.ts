import { exists as isRedisCommand, getKeyIndexes } from "@ioredis/commands";
import { tracingChannel } from "node:diagnostics_channel";
import { performance } from "node:perf_hooks";
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
  /** Redis command names sent for it, upper case, in order (`["MGET"]`, `["EVALSHA"]`); complete at `end`. */
  readonly commands: string[];
  /** Keys named by those commands (after the view's prefix; counted, never listed). */
  keyCount: number;
  /** Sent on a dedicated connection with `executeBlocking` (XREAD BLOCK, …). */
  readonly blocking: boolean;
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

const channel = tracingChannel<unknown, RedisCommandTrace>(COMMAND_TRACE_CHANNEL);

/** True when someone subscribed to `redis-interface:command` (the only cost without one is this check). */
export function isCommandTracingEnabled(): boolean {
  return channel.hasSubscribers;
}

function flatten(args: readonly unknown[]): Array<string | Buffer | number> {
  const flat: Array<string | Buffer | number> = [];
  for (const arg of args) {
    if (Array.isArray(arg)) flat.push(...flatten(arg));
    else if (typeof arg === "string" || typeof arg === "number" || Buffer.isBuffer(arg)) flat.push(arg);
    else flat.push(String(arg));
  }
  return flat;
}

function record(trace: RedisCommandTrace, method: string, args: readonly unknown[]): void {
  let name = method;
  let commandArgs = args;
  if (method === "call" || method === "callBuffer") {
    if (typeof args[0] !== "string") return;
    name = args[0].toLowerCase();
    commandArgs = args.slice(1);
  } else if (!isRedisCommand(name)) {
    if (!name.endsWith("Buffer") || !isRedisCommand(name.slice(0, -6))) return;
    name = name.slice(0, -6);
  }
  trace.commands.push(name.toUpperCase());
  try {
    const plain = commandArgs.every((arg) => typeof arg === "string" || typeof arg === "number");
    trace.keyCount += getKeyIndexes(name, plain ? (commandArgs as Array<string | number>) : flatten(commandArgs)).length;
  } catch {
    // a command unknown to @ioredis/commands: its name is still recorded
  }
}

/**
 * The trace that command methods called right now belong to. `run` issues its commands
 * synchronously (one command, a MULTI, a script's EVALSHA), so a variable set around the call is
 * enough; a command issued after an `await` inside `run` (the EVAL fallback after NOSCRIPT) is
 * not listed. One recording proxy per client, so tracing allocates nothing per command for it.
 */
let recording: RedisCommandTrace | undefined;
const recorders = new WeakMap<RedisClient, RedisClient>();

function recordingClient(client: RedisClient): RedisClient {
  let recorder = recorders.get(client);
  if (recorder) return recorder;
  const wrappers = new Map<string, (...args: unknown[]) => unknown>();
  recorder = new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function" || typeof property !== "string") return value;
      let wrapper = wrappers.get(property);
      if (!wrapper) {
        const method = value as (...args: unknown[]) => unknown;
        wrapper = (...args: unknown[]) => {
          if (recording) record(recording, property, args);
          return method.apply(target, args);
        };
        wrappers.set(property, wrapper);
      }
      return wrapper;
    },
  });
  recorders.set(client, recorder);
  return recorder;
}

/**
 * Runs `send(run')` inside the tracing channel: `run'` is `run` on a recording client, so the
 * trace learns each command's name and key count; `start`/`end` are published around the call,
 * `asyncStart`/`asyncEnd` (and `error` before them) when it settles. Only called when
 * `isCommandTracingEnabled()`.
 */
export function traceCommand<T>(
  operation: string,
  blocking: boolean,
  cluster: boolean,
  run: (client: RedisClient) => Promise<T>,
  send: (run: (client: RedisClient) => Promise<T>) => Promise<T>,
): Promise<T> {
  const trace: RedisCommandTrace = { operation, commands: [], keyCount: 0, blocking, cluster };
  const startedAt = performance.now();
  const traced = (client: RedisClient) => {
    recording = trace;
    try {
      return run(recordingClient(client));
    } finally {
      recording = undefined;
    }
  };
  const settle = (error: unknown) => {
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
  };
  return channel.start.runStores(trace, () => {
    let reply: Promise<T>;
    try {
      reply = send(traced);
    } catch (error) {
      reply = Promise.reject(error);
    }
    channel.end.publish(trace);
    return reply.then(
      (value) => {
        settle(undefined);
        return value;
      },
      (error: unknown) => {
        settle(error ?? new Error("rejected without a reason"));
        throw error;
      },
    );
  });
}
