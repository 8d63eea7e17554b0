import { tracingChannel } from "node:diagnostics_channel";
import { Command as IoredisCommand } from "ioredis";
import { CONNECTION_CLOSED } from "./cluster-routing.js";
import { firstKey, type RedisCommand } from "./command.js";
import type { RedisConnection } from "./connection.js";
import { toRedisError } from "./error-mapping.js";
import type { RedisError } from "./errors.js";
import type { PendingCommand } from "./pending-commands.js";
import type { CommandTrace } from "./tracing.js";
import { utf8Reply } from "./reply-strings.js";
import { hasBuffer, type WireArgument } from "./wire-arguments.js";

/** What answers a `WireCommand`: the pool that admitted it. */
export interface WireCommandOwner {
  /** Redis replied (possibly after the command was already answered with a timeout). */
  replied(command: WireCommand, reply: unknown): void;
  /** ioredis failed the command: an error reply, a dropped connection, a socket it could not write to. */
  failed(command: WireCommand, error: Error): void;
  /** The command's deadline passed. */
  expired(command: WireCommand): void;
}

const ioredisToWritable = (IoredisCommand.prototype as unknown as { toWritable(this: WireCommand, socket: unknown): string | Buffer }).toWritable;

/** ioredis's own tracing channel: while someone listens, a command needs the promise ioredis traces. */
const ioredisCommandChannel = tracingChannel("ioredis:command");

/**
 * One described command from `send` until it is answered: the pool's entry (its deadline, its
 * caller's promise callbacks, its trace) and, at once, the command ioredis writes and answers.
 *
 * ioredis calls `resolve(reply)` / `reject(error)` on the command it shifts from a connection's
 * queue; here they answer the pool directly. An ioredis `Command` would build a promise, its two
 * closures, a `standard-as-callback` wrapper and a flattened copy of the arguments for every
 * call, only for the pool to chain another promise on it. So this class has ioredis's `Command`
 * prototype (for `toWritable`, `setReplyContext`, `getSlot`…) without running its constructor,
 * and carries the fields ioredis reads: `name`, `args` (strings and Buffers only), `bufferMode`,
 * `slot`, `inTransaction`, `isTraced`, `isSettled`, `promise`. It is also its own entry of
 * ioredis's command queue (`command`, `stream`, `select`: what `sendCommand` pushes there).
 */
export class WireCommand implements PendingCommand {
  /** The name written: the description's, or `EVAL` once an `EVALSHA` was answered NOSCRIPT. */
  name: string;
  args: readonly WireArgument[];
  bufferMode: boolean;
  /** The keys' cluster slot; `undefined` lets ioredis find it (a command without described keys). */
  slot: number | undefined;
  /** True unless ioredis's own `ioredis:command` channel has subscribers (then `promise` is set). */
  isTraced: boolean;
  isSettled = false;
  protocol = 2;
  replyMapping = "legacy";
  /** Only while ioredis's tracing channel has subscribers: settled with the command, for ioredis's trace. */
  promise: Promise<unknown> | undefined = undefined;
  /** As an entry of ioredis's command queue: the command it answers (itself) and the db selected when it was written. */
  readonly command: WireCommand = this;
  select: number | undefined = undefined;

  done = false;
  /** The pool connection it was written to; undefined while it waits for one. */
  connection: unknown = undefined;
  /** Handed to a socket: from then on it may have reached Redis, so it is never sent again. */
  written = false;
  /** Written to its cluster node by the pool: a redirection (MOVED, ASK, a closed node…) is handed to ioredis's Cluster. */
  direct = false;
  startedAt = 0;
  deadline = 0;
  trace: CommandTrace | undefined = undefined;
  resolveCaller: ((value: unknown) => void) | undefined = undefined;
  rejectCaller: ((error: RedisError) => void) | undefined = undefined;
  private settleTraced: ((error: RedisError | undefined) => void) | undefined = undefined;

  constructor(
    private readonly owner: WireCommandOwner,
    /** The public function that sent it (errors, traces). */
    readonly operation: string,
    readonly described: RedisCommand<unknown>,
    /** The connection (pool or view) it was sent through: handed to `transform`. */
    readonly through: RedisConnection,
    args: readonly WireArgument[],
    slot: number | undefined,
  ) {
    this.name = described.name;
    this.args = args;
    this.bufferMode = hasBuffer(args);
    this.slot = slot;
    this.isTraced = !ioredisCommandChannel.hasSubscribers;
    if (!this.isTraced) this.tracedPromise();
  }

  /** The caller's first key (named in errors), if it has keys. */
  get key(): string | undefined {
    return firstKey(this.described);
  }

  /** Called by ioredis with the reply. */
  resolve(reply: unknown): void {
    this.owner.replied(this, reply);
  }

  /** Called by ioredis with an error (reply, connection); see `routedReject` for the commands its `Cluster` routed. */
  declare reject: (error: Error) => void;

  /**
   * Set by ioredis's `Cluster` on a command it routes: its wrapper follows redirections and, after
   * the node's connection closed, routes the command again. A command already written may have run,
   * so then the pool answers it (`UNCERTAIN`) instead; one never written still goes to the wrapper.
   */
  routedReject: ((this: WireCommand, error: Error) => void) | undefined = undefined;

  /**
   * Called by ioredis with the socket it writes to (the pool's own writes pass none and set
   * `written` themselves): a command ioredis's `Cluster` routed is marked written here, so a
   * connection lost after it fails `UNCERTAIN` instead of being sent again.
   */
  toWritable(socket: unknown): string | Buffer {
    if (socket !== undefined) this.written = true;
    return ioredisToWritable.call(this, socket);
  }

  /** Called by the pool's timer once `deadline` passed. */
  expire(): void {
    this.owner.expired(this);
  }

  /** Marks it answered and drops the caller's callbacks (an answered entry may stay queued a little longer). */
  settle(error: RedisError | undefined): void {
    this.done = true;
    this.isSettled = true;
    this.resolveCaller = undefined;
    this.rejectCaller = undefined;
    if (this.settleTraced !== undefined) this.settleTraced(error);
  }

  private tracedPromise(): void {
    this.promise = new Promise<unknown>((resolve, reject) => {
      this.settleTraced = (error) => (error === undefined ? resolve(undefined) : reject(error));
    });
    this.promise.catch(() => undefined);
  }
}

Object.setPrototypeOf(WireCommand.prototype, IoredisCommand.prototype);
// constant for every described command: on the prototype, not in each instance
function failToOwner(this: WireCommand, error: Error): void {
  (this as unknown as { owner: WireCommandOwner }).owner.failed(this, error);
}

function failRouted(this: WireCommand, error: Error): void {
  if (error.message === CONNECTION_CLOSED) {
    // lost on the wire: it may have run. (ioredis also says "closed" for a command it could not write)
    if (this.written) return failToOwner.call(this, error);
  } else {
    // Redis answered (MOVED, ASK, TRYAGAIN…): this write is over; ioredis's next one marks it again
    this.written = false;
  }
  (this.routedReject as (this: WireCommand, error: Error) => void).call(this, error);
}

Object.defineProperties(WireCommand.prototype, {
  reject: {
    get(this: WireCommand) {
      return this.routedReject === undefined ? failToOwner : failRouted;
    },
    set(this: WireCommand, wrapper: (this: WireCommand, error: Error) => void) {
      this.routedReject = wrapper;
    },
  },
  inTransaction: { value: false, writable: true },
  stream: { value: undefined, writable: true },
});

/**
 * What a described command's caller gets for `reply`: `transform` of it, with bulk strings as
 * UTF-8 unless the command asked for `buffers`.
 * @throws RedisError mapped from what `transform` throws (naming the command's operation and key).
 */
export function resultOfReply(entry: WireCommand, reply: unknown): unknown {
  const described = entry.described;
  const value = described.buffers === true ? reply : utf8Reply(reply);
  const transform = described.transform;
  if (transform === undefined) return value;
  try {
    return transform(value, entry.through);
  } catch (error) {
    throw toRedisError(error, entry.operation, entry.key);
  }
}

/** `command` as the ioredis `Command` it behaves as (see `WireCommand`). */
export function asIoredisCommand(command: WireCommand): IoredisCommand {
  return command as unknown as IoredisCommand;
}
