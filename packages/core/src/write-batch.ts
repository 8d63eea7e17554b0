import type { Command, Redis } from "ioredis";

interface Corkable {
  cork(): void;
  uncork(): void;
  readonly writableCorked: number;
}

/**
 * Batches the writes of one event-loop turn into one socket write per connection: the first
 * command written to a connection in a turn corks its socket, and `process.nextTick` uncorks every
 * corked socket at once (Node then writes the turn's commands with one `writev`). This is what
 * ioredis's auto-pipelining does with a `setImmediate`, a `Pipeline` and a promise per batch; here a
 * command costs one `sendCommand` and the batch leaves within the same turn.
 */
export class WriteBatch {
  private readonly corked: Corkable[] = [];
  private scheduled = false;

  /** Writes `command` on `client` (standalone or a cluster node), batched with this turn's other writes. */
  write(client: Redis, command: Command): Promise<unknown> {
    const stream = client.stream as unknown as Corkable | undefined;
    if (stream !== undefined && client.status === "ready" && stream.writableCorked === 0) {
      stream.cork();
      this.corked.push(stream);
      if (!this.scheduled) {
        this.scheduled = true;
        process.nextTick(this.flush);
      }
    }
    return client.sendCommand(command) as Promise<unknown>;
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    const corked = this.corked;
    for (let index = 0; index < corked.length; index++) (corked[index] as Corkable).uncork();
    corked.length = 0;
  };
}
