import { tracingChannel } from "node:diagnostics_channel";
import type { Redis } from "ioredis";
import { randomKey, type RedisServerHandle, rejection, startRedis, waitFor } from "@redis-interface/testing";
import { COMMAND_TRACE_CHANNEL, RedisConnectionPool, isRedisError, type RedisClient, type RedisCommandTrace } from "../src/index.js";
import { PendingCommandQueue, type PendingCommand } from "../src/pending-commands.js";

let server: RedisServerHandle;

beforeAll(async () => {
  server = await startRedis();
});

afterAll(async () => {
  await server?.stop();
});

/** True when ioredis will write a command issued right now at once (auto-pipelining switched off for this call). */
function writesAtOnce(client: RedisClient): boolean {
  return (client as Redis).options.enableAutoPipelining === false;
}

/** Waits until the pool's connection has nothing in flight (the handshake's replies included). */
async function idle(pool: RedisConnectionPool): Promise<void> {
  await waitFor(() => pool.stats().inFlightCommands === 0, { description: "pool idle" });
  let client: Redis | undefined;
  await pool.execute("probe", undefined, (c) => {
    client = c as Redis;
    return c.ping();
  });
  await waitFor(() => client?.commandQueue.length === 0 && client.autoPipelineQueueSize === 0, { description: "connection idle" });
}

describe("direct send on an idle auto-pipelining connection", () => {
  it("writes the first command of an idle connection at once and batches the ones behind it", async () => {
    const pool = await RedisConnectionPool.connect({ host: server.host, port: server.port, poolSize: 1 });
    try {
      await idle(pool);
      const modes: boolean[] = [];
      let client: Redis | undefined;
      const replies = Promise.all(
        [1, 2, 3].map(() =>
          pool.execute("ping", undefined, (c) => {
            client = c as Redis;
            modes.push(writesAtOnce(c));
            return c.ping();
          }),
        ),
      );
      // synchronously after the calls: the first is on the socket, the other two wait for the next turn as one batch
      expect(modes).toEqual([true, false, false]);
      expect(client?.commandQueue.length).toBe(1);
      expect(client?.autoPipelineQueueSize).toBe(2);
      expect(client?.options.enableAutoPipelining).toBe(true);
      expect(await replies).toEqual(["PONG", "PONG", "PONG"]);
    } finally {
      await pool.close();
    }
  });

  it("never sends directly with autoPipeline: false or on clients it does not switch (every command is written at once anyway)", async () => {
    const pool = await RedisConnectionPool.connect({ host: server.host, port: server.port, poolSize: 1, autoPipeline: false });
    try {
      await idle(pool);
      let client: Redis | undefined;
      const reply = pool.execute("ping", undefined, (c) => {
        client = c as Redis;
        return c.ping();
      });
      const second = pool.execute("ping", undefined, (c) => c.ping());
      expect(client?.options.enableAutoPipelining).toBe(false);
      expect(client?.commandQueue.length).toBe(2);
      expect([await reply, await second]).toEqual(["PONG", "PONG"]);
    } finally {
      await pool.close();
    }
  });

  it("keeps the issue order of many unawaited SET/INCR/GET commands mixing direct and batched sends", async () => {
    const pool = await RedisConnectionPool.connect({ host: server.host, port: server.port, poolSize: 1 });
    try {
      await idle(pool);
      const key = randomKey("order");
      let direct = 0;
      let batched = 0;
      const send = <T>(run: (client: RedisClient) => Promise<T>): Promise<T> =>
        pool.execute("ordered", key, (client) => {
          if (writesAtOnce(client)) direct++;
          else batched++;
          return run(client);
        });
      const incrs: Array<Promise<number>> = [];
      const gets: Array<{ expected: number; reply: Promise<string | null> }> = [];
      const resets: Array<Promise<unknown>> = [];
      let counter = 0;
      for (let i = 0; i < 3_000; i++) {
        const pick = (i * 7919) % 10;
        if (pick < 5) {
          counter++;
          incrs.push(send((c) => c.incr(key)));
        } else if (pick < 9) {
          gets.push({ expected: counter, reply: send((c) => c.get(key)) });
        } else {
          // SET moves the counter on: every later INCR and GET must see it
          counter += 1_000;
          resets.push(send((c) => c.set(key, String(counter))));
        }
        // vary where the next command lands: same turn (batched), after a microtask, or after the
        // previous replies were read (an idle connection, so direct)
        if (i % 13 === 0) await new Promise((resolve) => setImmediate(resolve));
        else if (i % 5 === 0) await Promise.resolve();
        if (i % 97 === 0) await Promise.all(incrs.slice(-1));
      }
      const incrReplies = await Promise.all(incrs);
      await Promise.all(resets);
      // INCR replies only go up (each sees every earlier command), GETs see exactly what was issued before them
      for (let i = 1; i < incrReplies.length; i++) expect(incrReplies[i]).toBeGreaterThan(incrReplies[i - 1] as number);
      for (const get of gets) expect(Number(await get.reply)).toBe(get.expected);
      expect(Number(await pool.execute("get", key, (c) => c.get(key)))).toBe(counter);
      // both paths were exercised
      expect(direct).toBeGreaterThan(10);
      expect(batched).toBeGreaterThan(100);
    } finally {
      await pool.close();
    }
  });

  it("still times out a directly sent command when the server is frozen", async () => {
    const pool = await RedisConnectionPool.connect({ host: server.host, port: server.port, poolSize: 1, defaultCommandTimeoutMs: 600, unresponsiveTimeoutMs: 600 });
    try {
      await idle(pool);
      server.freeze();
      let wasDirect: boolean | undefined;
      const error = await rejection(
        pool.execute("getKey", "frozen-direct", (client) => {
          wasDirect = writesAtOnce(client);
          return client.get("frozen-direct");
        }),
      );
      expect(wasDirect).toBe(true);
      expect(isRedisError(error, "COMMAND_TIMEOUT")).toBe(true);
      expect(error.key).toBe("frozen-direct");
    } finally {
      server.thaw();
      await pool.close();
    }
  });

  it("publishes a directly sent command on the tracing channel with its command name", async () => {
    const pool = await RedisConnectionPool.connect({ host: server.host, port: server.port, poolSize: 1 });
    const channel = tracingChannel<unknown, RedisCommandTrace>(COMMAND_TRACE_CHANNEL);
    const ended: RedisCommandTrace[] = [];
    const ignore = (): void => undefined;
    const subscribers = { start: ignore, end: ignore, asyncStart: ignore, error: ignore, asyncEnd: (trace: RedisCommandTrace) => void ended.push(trace) };
    try {
      await idle(pool);
      channel.subscribe(subscribers);
      const key = randomKey("traced");
      let wasDirect: boolean | undefined;
      await pool.execute("setKey", key, (client) => {
        wasDirect = writesAtOnce(client);
        return client.set(key, "v");
      });
      expect(wasDirect).toBe(true);
      expect(ended.map((trace) => [trace.operation, trace.commands, trace.keyCount])).toEqual([["setKey", ["SET"], 1]]);
    } finally {
      channel.unsubscribe(subscribers);
      await pool.close();
    }
  });
});

describe("PendingCommandQueue", () => {
  function command(deadline: number, onExpire?: (self: PendingCommand) => void): PendingCommand {
    const self: PendingCommand = {
      deadline,
      startedAt: 0,
      done: false,
      connection: undefined,
      expire: () => onExpire?.(self),
    };
    return self;
  }

  it("drops answered commands at the head at once, and the rest once they reach the head", () => {
    const queue = new PendingCommandQueue();
    const [a, b, c] = [command(10), command(20), command(30)];
    for (const item of [a, b, c]) queue.push(item);
    c.done = true;
    queue.dropAnsweredHead();
    expect(queue.size).toBe(3);
    a.done = true;
    queue.dropAnsweredHead();
    expect(queue.size).toBe(2);
    expect(queue.oldest()).toBe(b);
    b.done = true;
    queue.dropAnsweredHead();
    expect(queue.size).toBe(0);
    expect(queue.oldest()).toBeUndefined();
  });

  it("expires every due command even when answering re-enters dropAnsweredHead (as the pool does)", () => {
    const queue = new PendingCommandQueue();
    const expired: number[] = [];
    const answer = (self: PendingCommand): void => {
      self.done = true;
      expired.push(self.deadline);
      queue.dropAnsweredHead();
    };
    const items = Array.from({ length: 3_000 }, (_, index) => command(index, answer));
    for (const item of items) queue.push(item);
    (items[5] as PendingCommand).done = true;
    queue.expireDue(2_000.5);
    expect(expired).toHaveLength(2_000);
    expect(expired.includes(5)).toBe(false);
    expect(queue.size).toBe(999);
    expect(queue.oldest()).toBe(items[2_001]);
    expect(queue.live()).toEqual(items.slice(2_001));
  });
});
