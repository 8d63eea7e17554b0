import { Redis } from "ioredis";
import { startRedis, waitFor, type RedisServerHandle } from "../src/index.js";
import { after, processGone, strictClient, tryConnect } from "./helpers.js";

const servers: RedisServerHandle[] = [];
const clients: Redis[] = [];

async function start(options?: Parameters<typeof startRedis>[0]): Promise<RedisServerHandle> {
  const server = await startRedis(options);
  servers.push(server);
  return server;
}

function client(server: RedisServerHandle): Redis {
  const redis = strictClient(server.port);
  clients.push(redis);
  return redis;
}

afterAll(async () => {
  // disconnect() on an already closed ioredis client would leave a 2 s timer behind
  for (const redis of clients) if (redis.status !== "end") redis.disconnect();
  await Promise.all(servers.map((server) => server.stop()));
});

describe("startRedis", () => {
  test("answers PING through ioredis and exposes host, port, url, pid", async () => {
    const server = await start();
    expect(server.host).toBe("127.0.0.1");
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    expect(server.pid).toBeGreaterThan(0);
    expect(processGone(server.pid)).toBe(false);
    const redis = client(server);
    await redis.connect();
    expect(await redis.ping()).toBe("PONG");
    const info = await redis.info("server");
    expect(info).toContain(`process_id:${server.pid}`);
    expect(info).toContain(`tcp_port:${server.port}`);
  });

  test("url works with ioredis", async () => {
    const server = await start();
    const redis = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    clients.push(redis);
    redis.on("error", () => undefined);
    await redis.connect();
    await redis.set("k", "v");
    expect(await redis.get("k")).toBe("v");
  });

  test("two servers started in parallel get different ports", async () => {
    const [a, b] = await Promise.all([start(), start()]);
    expect(a.port).not.toBe(b.port);
    expect(a.pid).not.toBe(b.pid);
    const [ca, cb] = [client(a), client(b)];
    await Promise.all([ca.connect(), cb.connect()]);
    await ca.set("where", "a");
    expect(await cb.get("where")).toBeNull();
  });

  test("kill() makes connections fail and restart() brings the same port back", async () => {
    const server = await start();
    const { port, pid } = server;
    await server.kill();
    expect(processGone(pid)).toBe(true);
    expect(await tryConnect(port)).toBe("refused");
    await expect(strictClient(port).connect()).rejects.toThrow();

    await server.restart();
    expect(server.port).toBe(port);
    expect(server.pid).not.toBe(pid);
    const redis = client(server);
    await redis.connect();
    expect(await redis.ping()).toBe("PONG");
  });

  test("freeze() stops replies and thaw() resumes them", async () => {
    const server = await start();
    const redis = client(server);
    await redis.connect();
    expect(await redis.ping()).toBe("PONG");

    server.freeze();
    const pending = redis.ping();
    expect(await Promise.race([pending, after(300, "no reply")])).toBe("no reply");
    server.thaw();
    expect(await pending).toBe("PONG");
    expect(await redis.ping()).toBe("PONG");
  });

  test("stop() ends the process (even a frozen one), frees the port, and is idempotent", async () => {
    const server = await start();
    const { pid, port } = server;
    server.freeze();
    const began = Date.now();
    await Promise.all([server.stop(), server.stop()]);
    expect(Date.now() - began).toBeLessThan(4_500); // SIGCONT first: no SIGKILL escalation (at 5 s) needed
    await waitFor(() => processGone(pid), { timeoutMs: 10_000, description: `pid ${pid} to be gone` });
    expect(await tryConnect(port)).toBe("refused");
    await server.stop();
    expect(() => server.freeze()).toThrow(/not running/);
  });

  test("restart() after stop() works; a caller-chosen port and args are kept", async () => {
    const probe = await start();
    const port = probe.port;
    await probe.stop();
    const server = await start({ port, args: ["--appendonly", "yes", "--appendfsync", "always"] });
    expect(server.port).toBe(port);
    let redis = client(server);
    await redis.connect();
    expect(await redis.config("GET", "appendonly")).toEqual(["appendonly", "yes"]);
    await redis.set("durable", "1");
    redis.disconnect();

    await server.kill(); // crash: the AOF (fsync always) must bring the key back
    await server.restart();
    expect(server.port).toBe(port);
    redis = client(server);
    await redis.connect();
    expect(await redis.get("durable")).toBe("1");

    await server.stop();
    await server.restart();
    redis = client(server);
    await redis.connect();
    expect(await redis.get("durable")).toBe("1");
  });

  test("default args disable persistence", async () => {
    const server = await start();
    const redis = client(server);
    await redis.connect();
    expect(await redis.config("GET", "appendonly")).toEqual(["appendonly", "no"]);
    expect(await redis.config("GET", "save")).toEqual(["save", ""]);
  });
});

describe("startRedis with --requirepass", () => {
  it("waits for a password-protected server with AUTH", async () => {
    const server = await startRedis({ args: ["--save", "", "--appendonly", "no", "--requirepass", "pw with space"] });
    const client = new Redis({ host: server.host, port: server.port, password: "pw with space", lazyConnect: true });
    try {
      await client.connect();
      expect(await client.ping()).toBe("PONG");
    } finally {
      client.disconnect();
      await server.stop();
    }
  });
});
