import { AsyncLocalStorage } from "node:async_hooks";
import { tracingChannel } from "node:diagnostics_channel";
import { randomKey, type RedisServerHandle, rejection, startRedis } from "@redis-interface/testing";
import { COMMAND_TRACE_CHANNEL, RedisConnectionPool, luaScript, scriptCommand, type RedisClient, type RedisCommandTrace } from "../src/index.js";
import { traceDedicatedCommand } from "../src/internal.js";

const PASSWORD = "pw-never-traced-7f3a";
let server: RedisServerHandle;
let pool: RedisConnectionPool;

beforeAll(async () => {
  server = await startRedis({ args: ["--save", "", "--appendonly", "no", "--requirepass", PASSWORD] });
  pool = await RedisConnectionPool.connect({ host: server.host, port: server.port, password: PASSWORD, poolSize: 2 });
});

afterAll(async () => {
  await pool?.close();
  await server?.stop();
});

type Event = "start" | "end" | "asyncStart" | "asyncEnd" | "error";

/** Subscribes to every event of the channel for the duration of `body`; returns what was seen. */
async function traced<T>(body: () => Promise<T>): Promise<{ events: Array<[Event, RedisCommandTrace]>; value: T | undefined; error: unknown }> {
  const events: Array<[Event, RedisCommandTrace]> = [];
  const channel = tracingChannel<unknown, RedisCommandTrace>(COMMAND_TRACE_CHANNEL);
  const subscribers = {
    start: (trace: RedisCommandTrace) => events.push(["start", { ...trace, commands: [...trace.commands] }]),
    end: (trace: RedisCommandTrace) => events.push(["end", trace]),
    asyncStart: (trace: RedisCommandTrace) => events.push(["asyncStart", trace]),
    asyncEnd: (trace: RedisCommandTrace) => events.push(["asyncEnd", trace]),
    error: (trace: RedisCommandTrace) => events.push(["error", trace]),
  };
  channel.subscribe(subscribers);
  try {
    return { events, value: await body(), error: undefined };
  } catch (error) {
    return { events, value: undefined, error };
  } finally {
    channel.unsubscribe(subscribers);
  }
}

describe("the redis-interface:command tracing channel", () => {
  it("publishes start, end, asyncStart, asyncEnd with operation, command, key count and duration; never the value", async () => {
    const key = randomKey("trace");
    const value = `secret-value-${randomKey()}`;
    const { events } = await traced(async () => {
      await pool.execute("setKey", key, (client) => client.set(key, value, "EX", 60));
      return pool.execute("getKey", key, (client) => client.get(key));
    });
    expect(events.map(([name, trace]) => `${name}:${trace.operation}`)).toEqual([
      "start:setKey",
      "end:setKey",
      "asyncStart:setKey",
      "asyncEnd:setKey",
      "start:getKey",
      "end:getKey",
      "asyncStart:getKey",
      "asyncEnd:getKey",
    ]);
    const [, done] = events[3] as [Event, RedisCommandTrace];
    expect(done).toMatchObject({ operation: "setKey", commands: ["SET"], keyCount: 1, blocking: false, dedicated: false, cluster: false });
    expect(done.durationMs).toBeGreaterThanOrEqual(0);
    expect(done.errorCode).toBeUndefined();
    const seen = JSON.stringify(events);
    expect(seen).not.toContain(value);
    expect(seen).not.toContain(key);
    expect(seen).not.toContain(PASSWORD);
    expect(Object.keys(done)).not.toContain("result");
  });

  it("publishes error with the RedisError code and reply code", async () => {
    const key = randomKey("trace-list");
    await pool.execute("appendElementsToList", key, (client) => client.rpush(key, "x"));
    const { events, error } = await traced(() => pool.execute("getKey", key, (client) => client.get(key)));
    expect(error).toMatchObject({ code: "WRONG_TYPE" });
    expect(events.map(([name]) => name)).toEqual(["start", "end", "error", "asyncStart", "asyncEnd"]);
    const [, trace] = events[2] as [Event, RedisCommandTrace];
    expect(trace).toMatchObject({ operation: "getKey", commands: ["GET"], keyCount: 1, errorCode: "WRONG_TYPE", replyCode: "WRONGTYPE" });
    expect(trace.error).toBe(error);
  });

  it("counts every key of a multi-key command and a script, and names the commands sent", async () => {
    const keys = [randomKey("{trace}"), randomKey("{trace}"), randomKey("{trace}")];
    const script = luaScript(`return #KEYS + ${Math.floor(Math.random() * 1e9)}`);
    const { events } = await traced(async () => {
      await pool.execute("getMultipleKeys", keys[0], (client) => client.mget(keys));
      await pool.send("deleteMultipleKeys", scriptCommand(script, keys, ["arg"]));
      await pool.send("deleteMultipleKeys", scriptCommand(script, keys, ["arg"]));
      await pool.execute("groupInfo", keys[0], (client) => client.call("XINFO", "HELP"));
    });
    const finished = events.filter(([name]) => name === "asyncEnd").map(([, trace]) => ({ commands: trace.commands, keyCount: trace.keyCount }));
    expect(finished).toEqual([
      { commands: ["MGET"], keyCount: 3 },
      { commands: ["EVALSHA", "EVAL"], keyCount: 3 }, // NOSCRIPT, then the EVAL fallback (the call's keys, counted once)
      { commands: ["EVALSHA"], keyCount: 3 },
      { commands: ["XINFO"], keyCount: 0 },
    ]);
  });

  it("attributes each command to its own call when many run at once", async () => {
    const [one, two] = [randomKey("{c}"), randomKey("{c}")];
    const { events } = await traced(() =>
      Promise.all(
        Array.from({ length: 40 }, (_, index) =>
          index % 2 === 0 ? pool.execute("single", one, (client) => client.get(one)) : pool.execute("pair", one, (client) => client.mget(one, two)),
        ),
      ),
    );
    const finished = events.filter(([name]) => name === "asyncEnd").map(([, trace]) => `${trace.operation}:${trace.commands.join(",")}:${trace.keyCount}`);
    expect(finished).toHaveLength(40);
    expect(new Set(finished)).toEqual(new Set(["single:GET:1", "pair:MGET:2"]));
  });

  it("hands run a client whose other properties and methods read through to the real one", async () => {
    const seen: unknown[] = [];
    const { events } = await traced(() =>
      pool.execute("inspect", undefined, async (client) => {
        seen.push(client.status, typeof client.options, client.isCluster);
        return client.echo("hello");
      }),
    );
    expect(seen).toEqual(["ready", "object", false]);
    const [, done] = events.find(([name]) => name === "asyncEnd") as [Event, RedisCommandTrace];
    expect(done).toMatchObject({ operation: "inspect", commands: ["ECHO"], keyCount: 0 });
  });

  it("traces blocking commands, and the failure when they are aborted", async () => {
    const stream = randomKey("trace-stream");
    const abort = new AbortController();
    const { events, error } = await traced(async () => {
      const read = pool.executeBlocking("streamReadWithOptions", stream, { signal: abort.signal }, (client) =>
        client.call("XREAD", "BLOCK", 0, "STREAMS", stream, "$"),
      );
      abort.abort();
      return read;
    });
    expect(error).toMatchObject({ code: "ABORTED" });
    const [, trace] = events.find(([name]) => name === "asyncEnd") as [Event, RedisCommandTrace];
    expect(trace).toMatchObject({ operation: "streamReadWithOptions", blocking: true, dedicated: true, errorCode: "ABORTED" });
  });

  it("traces commands on a connection the caller owns with traceDedicatedCommand, failures included", async () => {
    const client = await pool.createDedicatedConnection("subscribe");
    try {
      const { events, value } = await traced(() => traceDedicatedCommand("subscribe", false, client, (sender: RedisClient) => sender.subscribe(randomKey("ch"), randomKey("ch"))));
      expect(value).toBe(2);
      const [, done] = events.find(([name]) => name === "asyncEnd") as [Event, RedisCommandTrace];
      expect(done).toMatchObject({ operation: "subscribe", commands: ["SUBSCRIBE"], keyCount: 0, dedicated: true, blocking: false, cluster: false });
      const failed = await traced(() => traceDedicatedCommand("inspect", false, client, (sender: RedisClient) => sender.call("NO-SUCH-COMMAND")));
      expect(failed.error).toBeInstanceOf(Error);
      expect(failed.events.map(([name]) => name)).toEqual(["start", "end", "error", "asyncStart", "asyncEnd"]);
      const [, trace] = failed.events[2] as [Event, RedisCommandTrace];
      expect(trace.error).toBe(failed.error);
      expect(trace.errorCode).toBeUndefined(); // not mapped: the caller maps its own errors
    } finally {
      await pool.releaseDedicatedConnection(client);
    }
  });

  it("traceDedicatedCommand without a subscriber just runs the command", async () => {
    const client = await pool.createDedicatedConnection("echo");
    try {
      let given: unknown;
      const reply = await traceDedicatedCommand("echo", false, client, (sender: RedisClient) => {
        given = sender;
        return sender.echo("x");
      });
      expect(reply).toBe("x");
      expect(given).toBe(client);
    } finally {
      await pool.releaseDedicatedConnection(client);
    }
  });

  it("runs the command inside the stores bound to start, so an APM's context reaches it", async () => {
    const store = new AsyncLocalStorage<string>();
    const channel = tracingChannel<unknown, RedisCommandTrace>(COMMAND_TRACE_CHANNEL);
    channel.start.bindStore(store, (trace) => `span:${trace.operation}`);
    try {
      let inside: string | undefined;
      await pool.execute("ping", undefined, (client) => {
        inside = store.getStore();
        return client.ping();
      });
      expect(inside).toBe("span:ping");
    } finally {
      channel.start.unbindStore(store);
    }
  });

  it("publishes nothing once the subscriber is gone, and commands still work", async () => {
    const { events } = await traced(() => pool.ping());
    expect(events).toHaveLength(4);
    const seen: unknown[] = [];
    const channel = tracingChannel<unknown, RedisCommandTrace>(COMMAND_TRACE_CHANNEL);
    const listener = (trace: RedisCommandTrace) => seen.push(trace);
    channel.start.subscribe(listener as (message: unknown) => void);
    channel.start.unsubscribe(listener as (message: unknown) => void);
    expect(await pool.ping()).toBe("PONG");
    expect(seen).toHaveLength(0);
    expect(channel.hasSubscribers).toBe(false);
  });

  it("traces a call rejected before any I/O (closed pool) with its code", async () => {
    const other = await RedisConnectionPool.connect({ host: server.host, port: server.port, password: PASSWORD, poolSize: 1 });
    await other.close();
    const { events, error } = await traced(() => other.execute("getKey", "k", (client) => client.get("k")));
    expect(error).toMatchObject({ code: "CLOSED" });
    const [, trace] = events.find(([name]) => name === "error") as [Event, RedisCommandTrace];
    expect(trace).toMatchObject({ operation: "getKey", commands: [], keyCount: 0, errorCode: "CLOSED" });
    expect(await rejection(other.ping())).toMatchObject({ code: "CLOSED" });
  });
});
