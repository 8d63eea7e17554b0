import { EventEmitter, setMaxListeners } from "node:events";
import { inspect } from "node:util";
import { Command as IoredisCommand, type Cluster, type Redis } from "ioredis";
import { performance } from "node:perf_hooks";
import type { RedisCodec } from "./codec.js";
import { createClient } from "./client-factory.js";
import { fallsBackForEveryKey, firstKey, type RedisCommand } from "./command.js";
import { SEND_THROUGH, type CommandRouter } from "./command-router.js";
import { connectClient } from "./connect-client.js";
import { describePool, type RedisPoolDescription } from "./pool-description.js";
import type {
  BlockingOptions,
  DedicatedConnectionOptions,
  RedisClient,
  RedisConnection,
  RedisConnectionEvents,
} from "./connection.js";
import { RedisError, isRedisError } from "./errors.js";
import { toRedisError } from "./error-mapping.js";
import { KeyResolver } from "./keys.js";
import { PendingCommandQueue, type PendingCommand } from "./pending-commands.js";
import type { RedisPoolStats } from "./pool-stats.js";
import { resolveRedisSettings } from "./resolve-settings.js";
import type { RedisSettings, ResolvedRedisSettings } from "./settings.js";
import { NO_COMMANDS, recordingClient } from "./command-recorder.js";
import { CommandTrace, finishTrace, isCommandTracingEnabled, startTrace, traceUntilSettled } from "./tracing.js";
import { blockingOptionsError, checkDedicatedOptions, checkPrefixOptions } from "./connection-options.js";
import { RedisConnectionView } from "./view.js";
import { CONNECTION_CLOSED, isClusterRedirection, readyMasterOf } from "./cluster-routing.js";
import { CLOSE_SIGNAL, type ClosableConnection } from "./close-signal.js";
import { prefixedArguments, wireArguments, wireSlot, type WireArgument } from "./wire-arguments.js";
import { asIoredisCommand, resultOfReply, WireCommand, type WireCommandOwner } from "./wire-command.js";
import { WriteBatch } from "./write-batch.js";

/** One shared connection of the pool. */
interface PooledConnection {
  readonly client: RedisClient;
  /** `performance.now()` when it last became ready; Infinity while it is being recycled. */
  readySince: number;
  /** How often it became ready (the first connect included). */
  readyCount: number;
  /** The standalone/Sentinel client when it auto-pipelines, so an idle one can be written to at once (see `sendsDirectly`). */
  readonly switchable: Redis | undefined;
}

const NEVER_WRITTEN = "Stream isn't writeable";
/** How the pool fails the commands a dropped connection had written and not yet answered. */
const LOST_AFTER_WRITE = "the connection was lost after the command was written";
const UTF8_REPLY = { replyEncoding: "utf8" as const };
const BUFFER_REPLY = { replyEncoding: null };

/** A command admitted by `execute` (a closure run on a client). */
class Command implements PendingCommand {
  done = false;
  connection: PooledConnection | undefined = undefined;

  constructor(
    private readonly onExpire: (command: Admitted) => void,
    readonly operation: string,
    readonly key: string | undefined,
    public run: (client: RedisClient) => Promise<unknown>,
    public resolveCaller: (value: unknown) => void,
    public rejectCaller: (error: RedisError) => void,
    readonly startedAt: number,
    readonly deadline: number,
    /** Set when someone listens on the tracing channel: published when the command is answered. */
    readonly trace: CommandTrace | undefined,
  ) {}

  expire(): void {
    this.onExpire(this);
  }

  /**
   * Marks it answered and drops the caller's callbacks: an answered command stays in the pending
   * queue until the next tick, and keeping its closures alive that long got them promoted to the
   * old generation (measured: about half the CPU per command went to GC at 50 concurrent callers).
   */
  settle(): void {
    this.done = true;
    this.run = this.resolveCaller = this.rejectCaller = released;
  }
}

/** What the pool admitted: a closure (`execute`) or a described command (`send`). */
type Admitted = Command | WireCommand;

/** The executor of the caller's promise of `send`: hands its callbacks over without a closure per call. */
let capturedResolve: ((value: unknown) => void) | undefined;
let capturedReject: ((error: RedisError) => void) | undefined;
function capture(resolve: (value: unknown) => void, reject: (error: RedisError) => void): void {
  capturedResolve = resolve;
  capturedReject = reject;
}

const released = (): never => {
  throw new Error("an answered command was used again");
};

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * `poolSize` ioredis connections used round-robin per event-loop turn (or one ioredis `Cluster`),
 * plus dedicated connections for blocking commands and subscribers. Described commands (`send`)
 * are written by the pool itself, one write per connection (per cluster node) and turn; `execute`
 * closures use ioredis's auto-pipelining on standalone connections.
 *
 * Beyond ioredis: a bounded wait queue instead of ioredis's unbounded offline queue
 * (`BACKPRESSURE`), one timer for every command's timeout (`COMMAND_TIMEOUT`), reconnect with
 * exponential backoff and jitter, stuck connections recycled after `unresponsiveTimeoutMs`,
 * `unavailable`/`available` events, and a graceful `close()`.
 */
export class RedisConnectionPool implements RedisConnection, CommandRouter, ClosableConnection {
  readonly settings: ResolvedRedisSettings;
  readonly codec: RedisCodec;
  readonly keys: KeyResolver;
  readonly isCluster: boolean;

  private readonly events = new EventEmitter();
  private readonly batch = new WriteBatch();
  private readonly connections: PooledConnection[];
  private readonly pending = new PendingCommandQueue();
  private waiting: Admitted[] = [];
  private readonly idleBlocking: RedisClient[] = [];
  private readonly dedicated = new Set<RedisClient>();
  private cursor = 0;
  private rotationScheduled = false;
  private inFlight = 0;
  private closed = false;
  private closing: Promise<void> | undefined;
  /** Aborted when `close()` starts: blocking commands and everything built on the pool end at once. */
  private readonly closeController = new AbortController();
  private onDrained: (() => void) | undefined;
  private available = true;
  private sawReply = false;
  private lastReplyAt = performance.now();
  private probing = false;
  private reconnects = 0;
  private reconnectAttempts = 0;
  private slotsRefreshedAt = performance.now();
  private readonly timer: NodeJS.Timeout;
  private readonly tickMs: number;
  private readonly probeIntervalMs: number;
  private readonly unavailableAfterMs: number;

  private constructor(settings: ResolvedRedisSettings) {
    this.settings = settings;
    this.codec = settings.codec;
    this.keys = KeyResolver.none.extend(settings.keyPrefix);
    this.isCluster = settings.clusterEnabled;
    const count = settings.clusterEnabled ? 1 : settings.poolSize;
    this.connections = Array.from({ length: count }, () => this.createPooledConnection());
    const thresholdMs = settings.maxFailureThresholdSeconds * 1000;
    this.probeIntervalMs = clamp(thresholdMs / 4, 100, 1000);
    this.unavailableAfterMs = Math.max(thresholdMs, 2 * this.probeIntervalMs);
    this.tickMs = clamp(Math.min(settings.defaultCommandTimeoutMs, settings.unresponsiveTimeoutMs, this.probeIntervalMs) / 10, 10, 100);
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref();
    // one listener per blocking command in flight, bus and worker: many is normal, not a leak
    setMaxListeners(0, this.closeController.signal);
  }

  /**
   * Resolves `settings`, opens every connection and waits until all are ready.
   * Sends the connection handshake (HELLO/AUTH/SELECT) on each connection.
   * @returns a ready pool.
   * @throws RedisError `INVALID_CONFIGURATION` for bad settings; `CONNECTION_FAILED` when Redis
   * cannot be reached within `connectTimeoutMs` or after `reconnectMaxAttempts` attempts.
   */
  static async connect(settings: Partial<RedisSettings> = {}): Promise<RedisConnectionPool> {
    const pool = new RedisConnectionPool(resolveRedisSettings(settings));
    const failed = new AbortController();
    try {
      await Promise.all(pool.connections.map((connection) => connectClient(connection.client, pool.settings.connectTimeoutMs, "connect", failed.signal)));
    } catch (error) {
      failed.abort();
      pool.destroy();
      throw error;
    }
    return pool;
  }

  /** False from `unavailable` until `available`. */
  get isAvailable(): boolean {
    return this.available;
  }

  /** Aborted when `close()` starts (read it with `poolCloseSignal` of `@redis-interface/core/internal`). */
  get [CLOSE_SIGNAL](): AbortSignal {
    return this.closeController.signal;
  }

  /** Commands admitted and not yet answered (shared connections only). */
  get inFlightCommands(): number {
    return this.inFlight;
  }

  /** `JSON.stringify(pool)`: host, port, db, cluster mode and `stats()`; never a client or a secret. */
  toJSON(): RedisPoolDescription {
    return describePool(this.settings, this.stats());
  }

  /** `util.inspect(pool)` / `console.log(pool)`, at any depth and with `showHidden`: the same safe facts as `toJSON`. */
  [inspect.custom](_depth: number, options: object): string {
    return `RedisConnectionPool ${inspect(this.toJSON(), options)}`;
  }

  /**
   * A snapshot of the pool (no I/O): commands in flight and waiting for a connection, reconnects,
   * availability, and each shared connection's ioredis status with its unanswered commands.
   */
  stats(): RedisPoolStats {
    const perConnection = new Map<PooledConnection, number>();
    for (const command of this.pending.live() as Admitted[]) {
      const connection = command.connection as PooledConnection | undefined;
      if (connection) perConnection.set(connection, (perConnection.get(connection) ?? 0) + 1);
    }
    return {
      inFlightCommands: this.inFlight,
      queuedCommands: this.waiting.filter((command) => !command.done).length,
      available: this.available,
      closed: this.closed,
      reconnects: this.reconnects,
      reconnectAttempts: this.reconnectAttempts,
      dedicatedConnections: this.dedicated.size,
      idleBlockingConnections: this.idleBlocking.length,
      connections: this.connections.map((connection) => ({
        status: connection.client.status,
        ready: connection.client.status === "ready",
        inFlightCommands: perConnection.get(connection) ?? 0,
      })),
    };
  }

  /** See `RedisConnection.send`. Published on the `redis-interface:command` tracing channel when it has subscribers. */
  send<R>(operation: string, command: RedisCommand<R>): Promise<R> {
    return this[SEND_THROUGH](operation, command, this.keys, this, undefined);
  }

  /** See `RedisConnection.sendBlocking`. Traced like `send`. */
  sendBlocking<R>(operation: string, command: RedisCommand<R>, options: BlockingOptions): Promise<R> {
    return this[SEND_THROUGH](operation, command, this.keys, this, options);
  }

  /** `send`/`sendBlocking` for this pool or one of its views (`keys` and `through` are the view's). */
  [SEND_THROUGH]<R>(operation: string, command: RedisCommand<R>, keys: KeyResolver, through: RedisConnection, blocking: BlockingOptions | undefined): Promise<R> {
    const invalid = blocking === undefined ? undefined : blockingOptionsError(blocking, operation, undefined);
    if (invalid !== undefined) return Promise.reject(invalid);
    if (command.miss !== undefined && keys.fallback !== undefined && fallsBackForEveryKey(command, keys)) return this.sendWithFallback(operation, command, keys, keys.fallback, through, blocking);
    if (blocking !== undefined) return this.sendDescribedBlocking(operation, command, keys, through, blocking);
    let entry: WireCommand;
    try {
      const args = prefixedArguments(operation, command, keys);
      const slot = this.isCluster ? wireSlot(operation, command, args) : undefined;
      // ioredis finds the slot of a command without described keys itself, writing into its arguments: give it a copy
      entry = new WireCommand(this.wireOwner, operation, command, through, this.isCluster && slot === undefined ? args.slice() : args, slot);
    } catch (error) {
      return Promise.reject(error);
    }
    if (!isCommandTracingEnabled()) return this.admitWire(entry) as Promise<R>;
    const trace = new CommandTrace(operation, false, this.isCluster);
    trace.commands = [command.name];
    trace.keyCount = command.keys.length;
    entry.trace = trace;
    return startTrace(trace, this.admitWire, this, entry, undefined, undefined, undefined, undefined) as Promise<R>;
  }

  /** Admits a described command (closed pool and backpressure checked first) and writes it, or parks it until a connection is ready. */
  private admitWire(entry: WireCommand): Promise<unknown> {
    if (this.closed) return this.refuse(this.closedError(entry.operation, entry.key), entry.trace);
    if (this.inFlight >= this.settings.maxInFlightCommands) return this.refuse(this.backpressureError(entry.operation, entry.key), entry.trace);
    const reply = new Promise<unknown>(capture);
    entry.resolveCaller = capturedResolve;
    entry.rejectCaller = capturedReject;
    const now = performance.now();
    entry.startedAt = now;
    entry.deadline = now + this.settings.defaultCommandTimeoutMs;
    this.inFlight++;
    this.pending.push(entry);
    const connection = this.pickReady();
    if (connection) this.writeWire(entry, connection);
    else this.park(entry);
    return reply;
  }

  /** How ioredis answers a described command: straight into the pool. */
  private readonly wireOwner: WireCommandOwner = {
    replied: (entry, reply) => this.replied(entry, reply),
    failed: (entry, error) => this.fail(entry, error),
    expired: (entry) => this.expireCommand(entry),
  };

  /**
   * A read through a view with a read fallback, every key of it one the fallback accepts: sent
   * under `keys`; when `command.miss` says the reply missed, sent once more under `fallback`; then
   * transformed.
   */
  private sendWithFallback<R>(operation: string, command: RedisCommand<R>, keys: KeyResolver, fallback: KeyResolver, through: RedisConnection, blocking: BlockingOptions | undefined): Promise<R> {
    const raw: RedisCommand<unknown> = { name: command.name, args: command.args, keys: command.keys, buffers: command.buffers === true };
    const miss = command.miss as (reply: unknown) => boolean;
    return this[SEND_THROUGH](operation, raw, keys, through, blocking)
      .then((reply) => (miss(reply) ? this[SEND_THROUGH](operation, raw, fallback, through, blocking) : reply))
      .then((reply) => {
        if (command.transform === undefined) return reply as R;
        try {
          return command.transform(reply, through);
        } catch (error) {
          throw toRedisError(error, operation, firstKey(command));
        }
      });
  }

  /** A blocking described command: on a leased dedicated connection, as an ioredis `Command` (its promise is what the lease waits for). */
  private sendDescribedBlocking<R>(operation: string, command: RedisCommand<R>, keys: KeyResolver, through: RedisConnection, options: BlockingOptions): Promise<R> {
    let args: readonly WireArgument[];
    try {
      args = wireArguments(operation, command, keys, this.isCluster);
    } catch (error) {
      return Promise.reject(error);
    }
    const key = firstKey(command);
    const run = (client: RedisClient): Promise<R> => {
      const wire = new IoredisCommand(command.name, args as WireArgument[], command.buffers === true ? BUFFER_REPLY : UTF8_REPLY);
      return (client.sendCommand(wire) as Promise<unknown>).then((reply) => (command.transform === undefined ? (reply as R) : command.transform(reply, through)));
    };
    if (!isCommandTracingEnabled()) return this.admitBlocking(operation, key, options, run, undefined, false);
    const trace = new CommandTrace(operation, true, this.isCluster);
    trace.commands = [command.name];
    trace.keyCount = command.keys.length;
    return traceUntilSettled(trace, () => this.admitBlocking(operation, key, options, run, trace, false));
  }

  /** See `RedisConnection.execute`. Published on the `redis-interface:command` tracing channel when it has subscribers. */
  execute<T>(operation: string, key: string | undefined, run: (client: RedisClient) => Promise<T>): Promise<T> {
    if (!isCommandTracingEnabled()) return this.admit(operation, key, run, undefined);
    const trace = new CommandTrace(operation, false, this.isCluster);
    return startTrace(trace, this.admit, this, operation, key, run, trace, undefined);
  }

  private admit<T>(operation: string, key: string | undefined, run: (client: RedisClient) => Promise<T>, trace: CommandTrace | undefined): Promise<T> {
    if (this.closed) return this.refuse(this.closedError(operation, key), trace);
    if (this.inFlight >= this.settings.maxInFlightCommands) return this.refuse(this.backpressureError(operation, key), trace);
    return new Promise<T>((resolve, reject) => {
      const now = performance.now();
      const command = new Command(this.expireCommand, operation, key, run, resolve as (value: unknown) => void, reject, now, now + this.settings.defaultCommandTimeoutMs, trace);
      this.inFlight++;
      this.pending.push(command);
      const connection = this.pickReady();
      if (connection) this.dispatch(command, connection);
      else this.park(command);
    });
  }

  /** Refuses a call before any I/O (closed pool, backpressure). */
  private refuse<T>(error: RedisError, trace: CommandTrace | undefined): Promise<T> {
    if (trace !== undefined) finishTrace(trace, performance.now(), error);
    return Promise.reject(error);
  }

  /** See `RedisConnection.executeBlocking`. Traced like `execute`. */
  executeBlocking<T>(operation: string, key: string | undefined, options: BlockingOptions, run: (client: RedisClient) => Promise<T>): Promise<T> {
    const invalid = blockingOptionsError(options, operation, key);
    if (invalid !== undefined) return Promise.reject(invalid);
    if (!isCommandTracingEnabled()) return this.admitBlocking(operation, key, options, run, undefined, true);
    const trace = new CommandTrace(operation, true, this.isCluster);
    return traceUntilSettled(trace, () => this.admitBlocking(operation, key, options, run, trace, true));
  }

  private async admitBlocking<T>(
    operation: string,
    key: string | undefined,
    options: BlockingOptions,
    run: (client: RedisClient) => Promise<T>,
    trace: CommandTrace | undefined,
    /** `run` is a closure whose commands a recorder lists in `trace` (a described command's trace is already complete). */
    record: boolean,
  ): Promise<T> {
    if (this.closed) throw this.closedError(operation, key);
    if (options.signal?.aborted) throw abortedError(operation, key);
    const client = await this.leaseUnlessAborted(operation, key, options.signal);
    if (options.signal?.aborted || this.closed) {
      // aborted while the connection was being opened: keep it for the next blocking command
      this.returnBlockingClient(client);
      throw this.closed ? this.closedError(operation, key) : abortedError(operation, key);
    }
    return this.runBlocking(trace === undefined || !record ? client : recordingClient(client, trace), client, operation, key, options, run);
  }

  /**
   * Leases a blocking connection. Aborting `signal` (or closing the pool) while a new one is still
   * being opened rejects at once with `ABORTED` (`CLOSED`) instead of waiting for it; once open,
   * that connection is kept for the next blocking command (dropped when the pool closed).
   */
  private leaseUnlessAborted(operation: string, key: string | undefined, signal: AbortSignal | undefined): Promise<RedisClient> {
    const leased = this.leaseBlockingClient(operation);
    const closing = this.closeController.signal;
    return new Promise<RedisClient>((resolve, reject) => {
      const stop = (error: RedisError): void => {
        detach();
        leased.then((client) => this.returnBlockingClient(client), () => undefined);
        reject(error);
      };
      const onAbort = (): void => stop(abortedError(operation, key));
      const onClose = (): void => stop(this.closedError(operation, key));
      const detach = (): void => {
        signal?.removeEventListener("abort", onAbort);
        closing.removeEventListener("abort", onClose);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      closing.addEventListener("abort", onClose, { once: true });
      leased.then(
        (client) => {
          detach();
          resolve(client);
        },
        (error: unknown) => {
          detach();
          reject(error);
        },
      );
    });
  }

  /** See `RedisConnection.createDedicatedConnection`. */
  async createDedicatedConnection(operation: string, options: DedicatedConnectionOptions = {}): Promise<RedisClient> {
    checkDedicatedOptions(options, operation);
    if (this.closed) throw this.closedError(operation, undefined);
    const client = createClient(this.settings, {
      reconnect: options.reconnect === false ? "never" : "forever",
      autoPipeline: false,
      offlineQueue: true,
      shardedSubscribers: options.shardedSubscribers === true,
      resp2: options.resp2 === true,
    });
    return this.openDedicated(client, operation);
  }

  /** See `RedisConnection.releaseDedicatedConnection`. */
  async releaseDedicatedConnection(client: RedisClient): Promise<void> {
    if (!this.dedicated.delete(client)) return;
    await quit(client);
  }

  /**
   * Sends PING on a shared connection.
   * @returns the reply, `'PONG'`.
   * @throws RedisError as `execute`.
   */
  ping(): Promise<string> {
    return this.execute("ping", undefined, (client) => client.ping());
  }

  /** A view sharing these connections whose names become `prefix:name` (`{prefix}:name` with `hashTag`). */
  withKeyPrefix(prefix: string, options: { hashTag?: boolean } = {}): RedisConnection {
    checkPrefixOptions(options);
    return new RedisConnectionView(this, this.keys.extend(prefix, options));
  }

  /** Listens to `error`, `unavailable`, `available` or `reconnecting`. */
  on<E extends keyof RedisConnectionEvents>(event: E, listener: (...args: RedisConnectionEvents[E]) => void): this {
    this.events.on(event, listener as (...args: unknown[]) => void);
    return this;
  }

  /** Removes a listener added with `on`. */
  off<E extends keyof RedisConnectionEvents>(event: E, listener: (...args: RedisConnectionEvents[E]) => void): this {
    this.events.off(event, listener as (...args: unknown[]) => void);
    return this;
  }

  /**
   * Graceful shutdown: new calls fail with `CLOSED` at once; blocking commands (in flight or
   * waiting for their connection) fail `CLOSED` at once and their connections are closed; what is
   * built on the pool or a view of it (pub/sub buses, workers) ends through the close signal;
   * commands already admitted get their replies (or their timeout); then every connection sends
   * QUIT (a bounded wait). Calling it again returns the same promise.
   */
  close(): Promise<void> {
    if (!this.closing) {
      this.closed = true;
      // blocking commands in flight drop their connections now (CLOSED); subscriptions, message
      // iterators and workers built on the pool or a view of it end
      this.closeController.abort();
      this.closing = this.shutDown();
    }
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    // idle blocking connections carry nothing: closed at once; the callers' own connections get QUIT
    for (const client of this.idleBlocking.splice(0)) this.dropDedicated(client);
    const owned = [...this.dedicated];
    this.dedicated.clear();
    await Promise.all(owned.map((client) => quit(client)));
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.onDrained = resolve));
    clearInterval(this.timer);
    await Promise.all(this.connections.map((connection) => quit(connection.client)));
  }

  /** Ends every connection at once (failed `connect`). */
  private destroy(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const connection of this.connections) disconnect(connection.client);
  }

  private createPooledConnection(): PooledConnection {
    const client = createClient(this.settings, {
      reconnect: "pool",
      autoPipeline: this.settings.autoPipeline,
      offlineQueue: false,
      onReconnect: (attempt, delayMs) => {
        this.reconnectAttempts++;
        this.events.emit("reconnecting", { attempt, delayMs });
      },
    });
    const switchable = !this.isCluster && this.settings.autoPipeline ? (client as Redis) : undefined;
    const connection: PooledConnection = { client, readySince: 0, readyCount: 0, switchable };
    client.on("ready", () => {
      if (connection.readyCount++ > 0) this.reconnects++;
      connection.readySince = performance.now();
      this.sawReply = true;
      this.drainWaiting();
    });
    client.on("end", () => this.onConnectionEnd());
    client.on("error", (error: Error) => this.forwardError(error));
    if (!this.isCluster) client.on("close", () => failWrittenCommands(client as Redis));
    return connection;
  }

  private forwardError(error: Error): void {
    if (this.events.listenerCount("error") > 0) this.events.emit("error", toRedisError(error, "connection"));
  }

  /**
   * Round-robin per event-loop turn, not per command: every command of one turn goes to the same
   * ready connection, so auto-pipelining sends them as one batch (one write, one read); the next
   * turn moves to the next connection. Per-command rotation split the batches and cost about half
   * the throughput at 50 concurrent callers. A command that finds the current connection idle does
   * not move the cursor (see `dispatch`: it is written at once).
   */
  private pickReady(): PooledConnection | undefined {
    const connections = this.connections;
    const current = connections[this.cursor] as PooledConnection;
    if (current.client.status === "ready") {
      // An idle connection is as good as any other: stay on it (no setImmediate per command for a
      // lone caller); the first command that finds it busy schedules the move to the next one.
      if (current.switchable === undefined || !sendsDirectly(current.switchable)) this.scheduleRotation();
      return current;
    }
    for (let tries = 1; tries < connections.length; tries++) {
      this.cursor = this.cursor + 1 === connections.length ? 0 : this.cursor + 1;
      const connection = connections[this.cursor] as PooledConnection;
      if (connection.client.status === "ready") {
        this.scheduleRotation();
        return connection;
      }
    }
    return undefined;
  }

  private scheduleRotation(): void {
    if (this.rotationScheduled || this.connections.length === 1) return;
    this.rotationScheduled = true;
    setImmediate(this.rotate);
  }

  private readonly rotate = (): void => {
    this.rotationScheduled = false;
    this.cursor = this.cursor + 1 === this.connections.length ? 0 : this.cursor + 1;
  };

  private dispatch(command: Admitted, connection: PooledConnection): void {
    if (command instanceof WireCommand) {
      this.writeWire(command, connection);
      return;
    }
    command.connection = connection;
    let reply: Promise<unknown>;
    const switchable = connection.switchable;
    try {
      if (switchable !== undefined && sendsDirectly(switchable)) {
        switchable.options.enableAutoPipelining = false;
        try {
          reply = command.run(this.sender(switchable, command.trace));
        } finally {
          switchable.options.enableAutoPipelining = true;
        }
      } else {
        reply = command.run(this.sender(connection.client, command.trace));
      }
    } catch (error) {
      this.fail(command, error);
      return;
    }
    reply.then(
      (value) => this.succeed(command, value),
      (error: unknown) => this.fail(command, error),
    );
  }

  /**
   * Writes a described command, batched with this turn's other writes to the same socket: on the
   * standalone connection, or on a cluster straight to the master of its slot (ioredis's `Cluster`
   * routes it only when the slot map has no ready master for it, or it names no key). ioredis
   * answers it through `replied`/`fail`.
   */
  private writeWire(entry: WireCommand, connection: PooledConnection): void {
    entry.connection = connection;
    try {
      if (!this.isCluster) {
        this.batch.write(connection.client as Redis, entry);
        return;
      }
      const cluster = connection.client as Cluster;
      const master = entry.slot === undefined ? undefined : readyMasterOf(cluster, entry.slot);
      entry.direct = master !== undefined;
      if (master !== undefined) this.batch.write(master, entry);
      else cluster.sendCommand(asIoredisCommand(entry));
    } catch (error) {
      this.fail(entry, error);
    }
  }

  /** Redis answered a described command: its result is `transform` of the reply (bulk strings as UTF-8 unless `buffers`). */
  private replied(entry: WireCommand, reply: unknown): void {
    if (entry.done) return; // answered already (timeout): a late reply
    this.sawReply = true;
    this.batch.replied();
    let result: unknown;
    try {
      result = resultOfReply(entry, reply);
    } catch (error) {
      this.answer(entry, undefined, error as RedisError);
      return;
    }
    this.answer(entry, result, undefined);
  }

  /** The client `run` gets: the connection's, or a recorder over it that lists the commands in `trace`. */
  private sender(client: RedisClient, trace: CommandTrace | undefined): RedisClient {
    if (trace === undefined) return client;
    // sent again after its connection dropped before the write: list only what this run sends
    trace.commands = NO_COMMANDS;
    trace.keyCount = 0;
    return recordingClient(client, trace);
  }

  /** No connection is ready: wait for one, or fail at once if every connection gave up. */
  private park(command: Admitted): void {
    if (this.connections.every((connection) => connection.client.status === "end")) {
      this.reconnectEnded();
      this.answer(command, undefined, this.unreachableError(command.operation, command.key));
      return;
    }
    command.connection = undefined;
    this.waiting.push(command);
  }

  private drainWaiting(): void {
    if (this.waiting.length === 0) return;
    const waiting = this.waiting;
    this.waiting = [];
    for (let index = 0; index < waiting.length; index++) {
      const command = waiting[index] as Admitted;
      if (command.done) continue;
      const connection = this.pickReady();
      if (!connection) {
        this.waiting.push(...waiting.slice(index).filter((item) => !item.done));
        return;
      }
      this.dispatch(command, connection);
    }
  }

  private onConnectionEnd(): void {
    if (!this.connections.every((connection) => connection.client.status === "end")) return;
    const waiting = this.waiting;
    this.waiting = [];
    for (const command of waiting) this.answer(command, undefined, this.unreachableError(command.operation, command.key));
  }

  /** Every connection gave up: start one new attempt per connection (no storm: at most one per command burst or probe). */
  private reconnectEnded(): void {
    if (this.closed) return;
    for (const connection of this.connections) {
      if (connection.client.status === "end") connection.client.connect().catch(() => undefined);
    }
  }

  private succeed(command: Command, value: unknown): void {
    this.sawReply = true;
    this.answer(command, value, undefined);
  }

  private fail(command: Admitted, error: unknown): void {
    if (command.done) return;
    const message = error instanceof Error ? error.message : "";
    const unwritten = command instanceof WireCommand && !command.written;
    if (message === LOST_AFTER_WRITE || (message === CONNECTION_CLOSED && !unwritten)) {
      // Written, then the connection was lost before the reply: it may have run. Never re-sent.
      this.answer(command, undefined, uncertainError(command.operation, command.key));
      return;
    }
    if (command instanceof WireCommand && this.retryWire(command, message)) return;
    if ((message.startsWith(NEVER_WRITTEN) || message === CONNECTION_CLOSED) && !this.closed) {
      // The connection dropped before the command reached the socket: safe to send again.
      this.park(command);
      return;
    }
    const mapped = toRedisError(error, command.operation, command.key);
    if (mapped.replyCode !== undefined) this.sawReply = true;
    this.answer(command, undefined, mapped);
  }

  /**
   * Sends a failed described command again; true when it did.
   * - Written straight to a cluster node and answered MOVED, ASK, TRYAGAIN or CLUSTERDOWN (the
   *   node ran nothing): handed to ioredis's `Cluster`, which follows the redirection. (One lost
   *   with its node's connection after it was written never gets here: `fail` answers it
   *   `UNCERTAIN`; one lost before it was written is parked and sent again.)
   * - An `EVALSHA` answered NOSCRIPT: the server ran nothing, so the source is sent once (EVAL).
   */
  private retryWire(entry: WireCommand, message: string): boolean {
    if (entry.direct && isClusterRedirection(message)) {
      entry.direct = false;
      entry.written = false; // Redis answered a redirection, or it never was written: it ran nothing
      (this.connections[0] as PooledConnection).client.sendCommand(asIoredisCommand(entry));
      return true;
    }
    const script = entry.described.script;
    if (script === undefined || entry.name === "EVAL" || !message.startsWith("NOSCRIPT") || this.closed) return false;
    this.sawReply = true;
    entry.name = "EVAL";
    entry.args = [script.source, ...entry.args.slice(1)];
    if (entry.trace !== undefined) entry.trace.commands.push("EVAL");
    this.park(entry);
    this.drainWaiting();
    return true;
  }

  private readonly expireCommand = (command: Admitted): void => {
    const message = command.connection
      ? `Redis did not reply within ${this.settings.defaultCommandTimeoutMs} ms`
      : `no connection to Redis became ready within ${this.settings.defaultCommandTimeoutMs} ms`;
    this.answer(command, undefined, new RedisError("COMMAND_TIMEOUT", { operation: command.operation, key: command.key, message }));
  };

  private answer(command: Admitted, value: unknown, error: RedisError | undefined): void {
    if (command.done) return;
    const resolve = command.resolveCaller as (value: unknown) => void;
    const reject = command.rejectCaller as (error: RedisError) => void;
    command.settle(error);
    this.inFlight--;
    if (command.trace !== undefined) finishTrace(command.trace, command.startedAt, error);
    if (error) reject(error);
    else resolve(value);
    this.pending.dropAnsweredHead();
    if (this.inFlight === 0 && this.onDrained) this.onDrained();
  }

  private tick(): void {
    const now = performance.now();
    this.pending.expireDue(now);
    if (this.pending.size > 2 * this.settings.maxInFlightCommands + 1024) this.pending.prune();
    this.recycleUnresponsive(now);
    this.refreshClusterSlots(now);
    this.trackAvailability(now);
  }

  /** A ready connection whose oldest command has waited `unresponsiveTimeoutMs` is stuck (frozen server, half-open TCP): reconnect it. */
  private recycleUnresponsive(now: number): void {
    if (this.isCluster) return;
    const oldest = this.pending.oldest() as Admitted | undefined;
    const connection = oldest?.connection as PooledConnection | undefined;
    if (!oldest || !connection || connection.client.status !== "ready") return;
    if (now - oldest.startedAt < this.settings.unresponsiveTimeoutMs || oldest.startedAt < connection.readySince) return;
    connection.readySince = Number.POSITIVE_INFINITY;
    connection.client.disconnect(true);
  }

  /**
   * Every `unresponsiveTimeoutMs`, each ready cluster client (shared and dedicated) asks for the
   * slot map again. ioredis refreshes it only on MOVED/ASK/CLUSTERDOWN or a closed connection, and
   * a master that froze and was failed over sends none of them: without this, commands and sharded
   * subscriptions for its slots would stay with it until it thaws. (ioredis's own
   * `slotsRefreshInterval` keeps re-arming its timer after the client has ended.)
   */
  private refreshClusterSlots(now: number): void {
    if (!this.isCluster || now - this.slotsRefreshedAt < this.settings.unresponsiveTimeoutMs) return;
    this.slotsRefreshedAt = now;
    for (const client of [...this.connections.map((connection) => connection.client), ...this.dedicated]) {
      if (client.status === "ready" && "refreshSlotsCache" in client) client.refreshSlotsCache();
    }
  }

  private trackAvailability(now: number): void {
    if (this.sawReply) {
      this.sawReply = false;
      this.lastReplyAt = now;
      if (!this.available) {
        this.available = true;
        this.events.emit("available");
      }
    }
    const silentMs = now - this.lastReplyAt;
    if (this.available && silentMs >= this.unavailableAfterMs) {
      this.available = false;
      this.events.emit("unavailable");
    }
    if (silentMs >= this.probeIntervalMs && !this.probing && !this.closed) {
      this.probing = true;
      this.ping()
        .catch(() => undefined)
        .finally(() => (this.probing = false));
    }
  }

  private async leaseBlockingClient(operation: string): Promise<RedisClient> {
    while (this.idleBlocking.length > 0) {
      const client = this.idleBlocking.pop() as RedisClient;
      if (client.status === "ready") return client;
      this.dropDedicated(client);
    }
    const client = createClient(this.settings, { reconnect: "never", autoPipeline: false, offlineQueue: false });
    return this.openDedicated(client, operation);
  }

  private async openDedicated(client: RedisClient, operation: string): Promise<RedisClient> {
    this.dedicated.add(client);
    client.on("error", (error: Error) => this.forwardError(error));
    try {
      await connectClient(client, this.settings.connectTimeoutMs, operation);
    } catch (error) {
      this.dropDedicated(client);
      throw this.closed ? this.closedError(operation, undefined) : error;
    }
    if (this.closed) {
      this.dropDedicated(client);
      throw this.closedError(operation, undefined);
    }
    return client;
  }

  /** Runs `run(sender)`; `sender` is `client` or a recorder over it (tracing). */
  private async runBlocking<T>(
    sender: RedisClient,
    client: RedisClient,
    operation: string,
    key: string | undefined,
    options: BlockingOptions,
    run: (client: RedisClient) => Promise<T>,
  ): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    let onClose: (() => void) | undefined;
    const closing = this.closeController.signal;
    const interrupted = new Promise<never>((_, reject) => {
      // the connection is closed, never reused: the command it carried is not sent again
      const end = (error: RedisError) => {
        this.dropDedicated(client);
        reject(error);
      };
      if (options.timeoutMs !== undefined) {
        timer = setTimeout(() => end(new RedisError("COMMAND_TIMEOUT", { operation, key, message: `blocking command did not finish within ${options.timeoutMs} ms` })), options.timeoutMs);
      }
      onAbort = () => end(abortedError(operation, key));
      onClose = () => end(this.closedError(operation, key));
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener("abort", onAbort);
      if (closing.aborted) onClose();
      else closing.addEventListener("abort", onClose);
    });
    try {
      const value = await Promise.race([run(sender), interrupted]);
      this.returnBlockingClient(client);
      return value;
    } catch (error) {
      if (isRedisError(error, "ABORTED") || isRedisError(error, "COMMAND_TIMEOUT")) throw error;
      if (this.closed) throw this.closedError(operation, key);
      const mapped = toRedisError(error, operation, key);
      if (mapped.replyCode !== undefined) this.returnBlockingClient(client);
      else this.dropDedicated(client);
      throw mapped;
    } finally {
      clearTimeout(timer);
      if (onAbort) options.signal?.removeEventListener("abort", onAbort);
      if (onClose) closing.removeEventListener("abort", onClose);
    }
  }

  private returnBlockingClient(client: RedisClient): void {
    if (this.closed || !this.dedicated.has(client) || this.idleBlocking.length >= this.settings.poolSize) {
      this.dropDedicated(client);
      return;
    }
    this.idleBlocking.push(client);
  }

  private dropDedicated(client: RedisClient): void {
    this.dedicated.delete(client);
    disconnect(client);
  }

  private backpressureError(operation: string, key: string | undefined): RedisError {
    return new RedisError("BACKPRESSURE", {
      operation,
      key,
      message: `${this.inFlight} commands are already waiting (maxInFlightCommands ${this.settings.maxInFlightCommands})`,
    });
  }

  private closedError(operation: string, key: string | undefined): RedisError {
    return new RedisError("CLOSED", { operation, key, message: "the pool has been closed" });
  }

  private unreachableError(operation: string, key: string | undefined): RedisError {
    return new RedisError("CONNECTION_FAILED", {
      operation,
      key,
      message: `Redis is unreachable (gave up after ${this.settings.reconnectMaxAttempts} reconnect attempts; retrying in the background)`,
    });
  }
}


/**
 * Auto-pipelining makes ioredis write a command one event-loop turn later (`setImmediate`), so a
 * lone caller would wait a turn per command. A connection with no command in flight and no batch
 * waiting gets the command written at once instead: there is nothing to batch it with, and nothing
 * not yet written that it could overtake (ioredis reads `enableAutoPipelining` on every call, so
 * the pool turns it off around this one `run`). Busy connections keep batching.
 */
function sendsDirectly(client: Redis): boolean {
  return client.commandQueue.length === 0 && client.autoPipelineQueueSize === 0;
}

/**
 * A standalone or Sentinel connection closed: every command it had written and not yet seen
 * answered may have run, so each fails (→ `UNCERTAIN`) and none is sent again. ioredis keeps them
 * in `prevCommandQueue` until the reconnect, where `autoResendUnfulfilledCommands: false` would
 * drop them unanswered (and `true` would send them twice).
 */
function failWrittenCommands(client: Redis): void {
  const internals = client as unknown as { prevCommandQueue?: { length: number; shift(): { command: { reject(error: Error): void } } } | null };
  const queue = internals.prevCommandQueue;
  if (queue === undefined || queue === null) return;
  internals.prevCommandQueue = null;
  while (queue.length > 0) queue.shift().command.reject(new Error(LOST_AFTER_WRITE));
}

function abortedError(operation: string, key: string | undefined): RedisError {
  return new RedisError("ABORTED", { operation, key, message: "the blocking command was aborted by its caller" });
}

function uncertainError(operation: string, key: string | undefined): RedisError {
  return new RedisError("UNCERTAIN", {
    operation,
    key,
    message: "the connection was lost after the command was written: it may or may not have been applied (it was not sent again; retry only if the call is idempotent)",
  });
}

/** Closes a client's socket unless it is already closed (ioredis would leave a 2 s timer behind). */
function disconnect(client: RedisClient): void {
  if (client.status !== "end") client.disconnect();
}

/** QUIT when connected (bounded by a short wait), otherwise just disconnect. */
async function quit(client: RedisClient): Promise<void> {
  if (client.status !== "ready") {
    disconnect(client);
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([client.quit(), new Promise((resolve) => (timer = setTimeout(resolve, 2_000)))]);
  } catch {
    // already gone
  } finally {
    clearTimeout(timer);
    disconnect(client);
  }
}
