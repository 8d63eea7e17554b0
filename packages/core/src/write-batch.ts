import type { Redis } from "ioredis";
import { asIoredisCommand, type WireCommand } from "./wire-command.js";

/**
 * The parts of an ioredis `Redis` client a batch writes through (public at runtime; `condition`
 * is private in ioredis's types). ioredis answers the commands of `commandQueue` in order, one per
 * reply, so a command must enter the queue exactly when its bytes enter the socket.
 */
interface Connection {
  readonly status: string;
  readonly stream: { readonly writable: boolean; write(chunk: string | Buffer): boolean; cork(): void; uncork(): void } | null | undefined;
  readonly commandQueue: { readonly length: number; push(item: WireCommand): void };
  readonly condition?: { readonly select?: number } | null;
  sendCommand(command: ReturnType<typeof asIoredisCommand>): unknown;
}

/**
 * Commands for which ioredis's `sendCommand` keeps state beyond writing them (the selected db,
 * QUIT's manual close, subscriber mode, MONITOR): they always go through it.
 */
const TRACKED_BY_IOREDIS: ReadonlySet<string> = new Set(["SELECT", "QUIT", "MONITOR", "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE", "SUNSUBSCRIBE", "RESET"]);

/** The commands of one turn for one connection, written together when the turn ends. */
class TurnBatch {
  readonly commands: WireCommand[] = [];
  /** The RESP text of the commands since the last Buffer command. */
  text = "";
  /** Set once a command with Buffer arguments joined: the chunks before `text`, in order. */
  chunks: Array<string | Buffer> | undefined = undefined;

  constructor(readonly connection: Connection) {}

  add(command: WireCommand): void {
    this.commands.push(command);
    const bytes = asIoredisCommand(command).toWritable(undefined as never);
    if (typeof bytes === "string") {
      this.text += bytes;
      return;
    }
    this.chunks ??= [];
    if (this.text !== "") this.chunks.push(this.text);
    this.chunks.push(bytes);
    this.text = "";
  }
}

/**
 * Writes the described commands of one event-loop turn with one socket write per connection:
 * the first command of a turn for a connection opens a batch, the others of that turn join it,
 * and `process.nextTick` writes each batch as one string (its commands enter ioredis's command
 * queue at that moment, in the same order). ioredis's auto-pipelining does the same with a
 * `setImmediate`, a `Pipeline`, a promise per batch and a `sendCommand` per command; Node's
 * `cork` would still cost a `sendCommand`, a buffered request and an iovec per command.
 *
 * One exception: a lone caller. When the connection has nothing in flight and at most one reply
 * arrived since the last write, the command is written at once: there is nothing to batch it
 * with, and it would only wait for the tick. After a burst of replies (many callers about to send
 * again in this turn) the first command opens a batch even on an idle connection: written alone,
 * it would split the next round trip in two (measured: about 20% fewer operations per second at
 * 50 callers).
 *
 * A connection that is not ready and writable gets the command through ioredis's `sendCommand`,
 * which queues it offline (cluster nodes) or fails it as never written ("Stream isn't writeable":
 * the pool sends it again once a connection is ready).
 */
export class WriteBatch {
  private batches: TurnBatch[] = [];
  private last: TurnBatch | undefined = undefined;
  private scheduled = false;
  private repliesSinceWrite = 0;

  /** Counts a reply: the callers it wakes are likely to write in this turn. */
  replied(): void {
    this.repliesSinceWrite++;
  }

  /** Writes `command` on `client` (standalone or a cluster node), batched with this turn's other writes. */
  write(client: Redis, command: WireCommand): void {
    const connection = client as unknown as Connection;
    if (throughIoredis(command)) {
      // through ioredis, written (and queued) at once: ahead of this turn's batch on both the socket
      // and the queue. (Untraced means ioredis's own tracing channel has subscribers: it traces there.)
      command.written = isWritable(connection);
      connection.sendCommand(asIoredisCommand(command));
      return;
    }
    let batch = this.last;
    if (batch === undefined || batch.connection !== connection) batch = this.batchOf(connection);
    if (batch !== undefined) {
      batch.add(command);
      return;
    }
    if (!isWritable(connection)) {
      connection.sendCommand(asIoredisCommand(command));
      return;
    }
    if (this.lone(connection, 1)) {
      this.repliesSinceWrite = 0;
      connection.stream?.write(asIoredisCommand(command).toWritable(undefined as never));
      enqueue(connection, command);
      return;
    }
    batch = new TurnBatch(connection);
    batch.add(command);
    this.batches.push(batch);
    this.last = batch;
    if (!this.scheduled) {
      this.scheduled = true;
      process.nextTick(this.flush);
    }
  }

  /**
   * Writes `commands` on `client` as `write` would one by one, except that a lone caller's
   * commands (nothing in flight, at most the replies of one such call since the last write) leave
   * together in one socket write at once (one by one, only the first would be written at once and
   * the rest a tick later: two system calls and two round trips on a quiet connection).
   */
  writeTogether(client: Redis, commands: readonly WireCommand[]): void {
    const connection = client as unknown as Connection;
    if (commands.length > 1 && this.batchOf(connection) === undefined && isWritable(connection) && this.lone(connection, commands.length) && commands.every(isText)) {
      this.repliesSinceWrite = 0;
      let text = "";
      for (const command of commands) text += asIoredisCommand(command).toWritable(undefined as never) as string;
      connection.stream?.write(text);
      for (const command of commands) enqueue(connection, command);
      return;
    }
    for (const command of commands) this.write(client, command);
  }

  /** Nothing in flight on `connection`, and at most the replies of one call of `calls` commands since the last write: nothing to batch with. */
  private lone(connection: Connection, calls: number): boolean {
    return connection.commandQueue.length === 0 && this.repliesSinceWrite <= calls;
  }

  private batchOf(connection: Connection): TurnBatch | undefined {
    const batches = this.batches;
    for (let index = 0; index < batches.length; index++) if ((batches[index] as TurnBatch).connection === connection) return batches[index];
    return undefined;
  }

  private readonly flush = (): void => {
    const batches = this.batches;
    this.batches = [];
    this.last = undefined;
    this.scheduled = false;
    this.repliesSinceWrite = 0;
    for (let index = 0; index < batches.length; index++) {
      const batch = batches[index] as TurnBatch;
      try {
        writeBatch(batch);
      } catch (error) {
        // nothing of it was queued (the write comes first): fail its commands rather than the process
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const command of batch.commands) command.reject(failure);
      }
    }
  };
}

function writeBatch(batch: TurnBatch): void {
  const connection = batch.connection;
  const commands = batch.commands;
  if (!isWritable(connection)) {
    // it went away during the turn: nothing was written, ioredis decides (offline queue or never written)
    for (let index = 0; index < commands.length; index++) connection.sendCommand(asIoredisCommand(commands[index] as WireCommand));
    return;
  }
  const stream = connection.stream as NonNullable<Connection["stream"]>;
  if (batch.chunks === undefined) {
    stream.write(batch.text);
  } else {
    stream.cork();
    for (const chunk of batch.chunks) stream.write(chunk);
    if (batch.text !== "") stream.write(batch.text);
    stream.uncork();
  }
  for (let index = 0; index < commands.length; index++) enqueue(connection, commands[index] as WireCommand);
}

/** Commands ioredis writes itself (see `write`). */
function throughIoredis(command: WireCommand): boolean {
  return !command.isTraced || TRACKED_BY_IOREDIS.has(command.name);
}

/** Whether `command` is written by this batch as text (ioredis's `toWritable` gives a string unless it holds Buffers). */
function isText(command: WireCommand): boolean {
  return !throughIoredis(command) && !command.bufferMode;
}

/** What `Redis#sendCommand` requires before it writes (else it queues offline or fails the command). */
function isWritable(connection: Connection): boolean {
  return connection.status === "ready" && connection.stream !== undefined && connection.stream !== null && connection.stream.writable;
}

/** Queues `command` as its own queue entry (`{ command, stream, select }`, as `Redis#sendCommand` would push). */
function enqueue(connection: Connection, command: WireCommand): void {
  command.written = true;
  command.select = connection.condition?.select;
  connection.commandQueue.push(command);
}
