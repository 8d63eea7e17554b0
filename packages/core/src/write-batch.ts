import type { Command, Redis } from "ioredis";

interface Corkable {
  cork(): void;
  uncork(): void;
  readonly writableCorked: number;
}

/**
 * Batches the writes of one event-loop turn into one socket write per connection: a command
 * written to a connection that still has commands in flight corks its socket, and
 * `process.nextTick` uncorks every corked socket at once (Node then writes the turn's commands
 * with one `writev`). This is what ioredis's auto-pipelining does with a `setImmediate`, a
 * `Pipeline` and a promise per batch; here a command costs one `sendCommand` and the batch leaves
 * within the same turn. A command for an idle connection (nothing in flight) is written at once:
 * a lone caller has nothing to batch with and would only wait for the tick; if more commands
 * follow in the same turn, they find it busy and are batched behind it.
 */
export class WriteBatch {
  private readonly corked: Corkable[] = [];
  private scheduled = false;

  /** Writes `command` on `client` (standalone or a cluster node), batched with this turn's other writes. */
  write(client: Redis, command: Command): void {
    if (client.status === "ready" && client.commandQueue.length > 0) {
      const stream = client.stream as unknown as Corkable | undefined;
      if (stream !== undefined && stream !== null && stream.writableCorked === 0) this.cork(stream);
    }
    client.sendCommand(command);
  }

  private cork(stream: Corkable): void {
    stream.cork();
    this.corked.push(stream);
    if (!this.scheduled) {
      this.scheduled = true;
      process.nextTick(this.flush);
    }
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    const corked = this.corked;
    for (let index = 0; index < corked.length; index++) (corked[index] as Corkable).uncork();
    corked.length = 0;
  };
}
