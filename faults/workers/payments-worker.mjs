// A payments service for the idempotency crash-torture suite (faults/test/idempotency-*.test.ts):
// `POST /payments` through the Express adapter of @redis-interface/idempotency ("ours") or through
// express-idempotency with its Redis adapter ("theirs"). The route's side effect is an entry in a
// ledger on a Redis server of its own (never faulted) that refuses stale fencing tokens.
//
// The crash hook lives only here: a request with `x-crash-at: <point>` makes this process SIGKILL
// itself at that point (it writes `crash:<point>` to stderr first, synchronously, so the suite can
// tell a planned crash from any other death).
import { randomUUID } from "node:crypto";
import { writeSync } from "node:fs";
import express from "express";
import { Redis } from "ioredis";

const config = JSON.parse(process.env.PAYMENTS_WORKER ?? "null");
if (!config) throw new Error("PAYMENTS_WORKER is not set");
const CRASH_HEADER = "x-crash-at";

/** SIGKILLs this process when the request asked for a crash at `point`. */
function crashAt(req, point) {
  if (req.headers[CRASH_HEADER] !== point) return;
  writeSync(2, `crash:${point}\n`);
  process.kill(process.pid, "SIGKILL");
}

// The ledger: an append-only stream of effects. An effect carrying a fencing token is accepted only
// when the token is larger than every token seen for its key (a stale or repeated holder is refused);
// without a token (express-idempotency hands out none) it is always accepted.
const ledger = new Redis({ host: "127.0.0.1", port: config.ledgerPort, lazyConnect: true });
ledger.on("error", () => undefined);
ledger.defineCommand("applyEffect", {
  numberOfKeys: 3,
  lua: `
if ARGV[2] ~= '' then
  local highest = tonumber(redis.call('GET', KEYS[1]) or '0')
  if tonumber(ARGV[2]) <= highest then return false end
  redis.call('SET', KEYS[1], ARGV[2])
end
local id = redis.call('XADD', KEYS[3], '*', 'key', ARGV[1], 'token', ARGV[2], 'exec', ARGV[3])
redis.call('HSETNX', KEYS[2], ARGV[1], id)
return id`,
});

/**
 * The route's work, written as a payment handler that can resume: it looks for an effect an earlier
 * (crashed) holder of the key already made and reuses it; otherwise it applies one, fenced.
 * Every execution gets its own `exec` id in the body, so a second execution that reaches a client
 * shows as a response that differs from the first.
 */
async function pay(req, res, token) {
  const key = req.get("idempotency-key");
  res.locals.executed = true;
  crashAt(req, "after-lease");
  const exec = randomUUID();
  const existing = await ledger.hget(`${config.ledgerPrefix}:by-key`, key);
  crashAt(req, "before-effect");
  const effect = existing ?? (await ledger.applyEffect(`${config.ledgerPrefix}:highest:${key}`, `${config.ledgerPrefix}:by-key`, `${config.ledgerPrefix}:effects`, key, token === undefined ? "" : String(token), exec));
  if (effect === null) throw new Error("the ledger refused a stale fencing token");
  crashAt(req, "after-effect");
  res.status(201).json({ key, effect, amount: req.body.amount, token: token ?? null, exec });
}

/** Crash points after the route: `after-respond` for every implementation, once the response is written. */
function crashAfterRespond(req, res, next) {
  if (req.headers[CRASH_HEADER] === "after-respond") {
    res.on("finish", () => {
      if (res.locals.executed && res.statusCode === 201) crashAt(req, "after-respond");
    });
  }
  next();
}

async function ours(app) {
  const { RedisConnectionPool } = await import("@redis-interface/core");
  const { createIdempotency } = await import("@redis-interface/idempotency");
  const { idempotencyMiddleware } = await import("@redis-interface/idempotency/express");
  const settings = { poolSize: 2, defaultCommandTimeoutMs: 2_000, unresponsiveTimeoutMs: 1_000, maxFailureThresholdSeconds: 1, connectTimeoutMs: 2_000 };
  const pool = await RedisConnectionPool.connect(config.sentinel ? { ...settings, sentinel: config.sentinel } : { ...settings, port: config.redisPort });
  pool.on("error", () => undefined);
  const idempotency = createIdempotency(pool, { leaseMs: config.leaseMs, durability: config.durability });
  // after-store: the adapter sends the held-back response with the response's own `end` once the
  // result is stored; a prototype of this response's own sees that call, the instance methods the
  // adapter puts on while the route runs do not.
  app.use((req, res, next) => {
    if (req.headers[CRASH_HEADER] === "after-store") {
      const proto = Object.create(Object.getPrototypeOf(res));
      proto.end = function end(...args) {
        if (res.locals.executed && this.statusCode === 201) crashAt(req, "after-store");
        return Object.getPrototypeOf(proto).end.apply(this, args);
      };
      Object.setPrototypeOf(res, proto);
    }
    next();
  });
  app.use(crashAfterRespond);
  app.use(idempotencyMiddleware(idempotency, { abandonAfterMs: 2_000 }));
  app.post("/payments", (req, res) => pay(req, res, req.idempotency.fencingToken));
  return () => pool.close();
}

/** A client with the node-redis calls the Redis adapter makes, over an ioredis client that follows Sentinel. */
function sentinelClient(sentinel) {
  const client = new Redis({ sentinels: sentinel.sentinels.map((url) => ({ host: url.split(":")[0], port: Number(url.split(":")[1]) })), name: sentinel.masterName, lazyConnect: true });
  client.on("error", () => undefined);
  return {
    isOpen: true,
    isReady: true,
    connect: () => client.connect(),
    disconnect: async () => client.disconnect(),
    get: (key) => client.get(key),
    set: (key, value, options) => client.set(key, value, "EX", options.EX),
    del: (key) => client.del(key),
  };
}

async function theirs(app) {
  // both are CommonJS: their module.exports is the default import
  const { idempotency, getSharedIdempotencyService } = (await import("express-idempotency")).default;
  const adapterModule = (await import("express-idempotency-redis-adapter")).default;
  const RedisAdapter = adapterModule.default ?? adapterModule;
  const adapter = config.sentinel
    ? new RedisAdapter({ connectionInstance: sentinelClient(config.sentinel) })
    : new RedisAdapter({ connectionConfig: { socket: { host: "127.0.0.1", port: config.redisPort } } });
  await adapter.connect();
  // after-store: express-idempotency stores the response after sending it (fire and forget)
  const storing = new Set();
  const update = adapter.update.bind(adapter);
  adapter.update = async (resource) => {
    await update(resource);
    if (storing.has(resource.idempotencyKey)) {
      writeSync(2, "crash:after-store\n");
      process.kill(process.pid, "SIGKILL");
    }
  };
  app.use(crashAfterRespond);
  app.post("/payments", idempotency({ dataAdapter: adapter }), async (req, res) => {
    const service = getSharedIdempotencyService();
    if (service.isHit(req)) return;
    if (req.headers[CRASH_HEADER] === "after-store") storing.add(req.get("idempotency-key"));
    try {
      await pay(req, res, undefined);
    } catch (error) {
      await service.reportError(req); // what its README asks a failing route to do
      throw error;
    }
  });
  return () => adapter.disconnect();
}

async function main() {
  await ledger.connect();
  const app = express();
  app.use((req, _res, next) => {
    crashAt(req, "before-lease");
    next();
  });
  app.use(express.json());
  const close = config.impl === "ours" ? await ours(app) : await theirs(app);
  const server = app.listen(config.port, "127.0.0.1", () => process.send?.({ ready: config.port }));
  process.on("SIGTERM", () => {
    server.close();
    server.closeAllConnections();
    Promise.allSettled([close(), ledger.quit()]).finally(() => process.exit(0));
  });
}

main().catch((error) => {
  writeSync(2, `worker failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
