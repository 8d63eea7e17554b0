import { randomBytes } from "node:crypto";
import { Agent, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import express, { type Express, type RequestHandler } from "express";
import { RedisConnectionPool } from "@redis-interface/core";
import { createIdempotency } from "@redis-interface/idempotency";
import { idempotencyMiddleware } from "@redis-interface/idempotency/express";
import { runAlternatingRows, windowOptions } from "../harness/alternating-loop.js";
import { sharedWindowFactories, type RowsWindow } from "../harness/shared-window.js";
import type { BenchEnv, ScenarioDefinition, ScenarioFactories } from "../harness/types.js";

/** Measured time per turn of a row, and the unmeasured time after each switch. */
const SLICE_MS = 250;
const SETTLE_MS = 100;

export const idempotencyScenario: ScenarioDefinition = {
  id: "idempotency",
  title: "Idempotency keys over HTTP: `POST /payments` through Express",
  unit: "req/s",
  method:
    "A real Express 5 server per row (`express.json()`, a `POST /payments` route answering 201 with a small JSON body), all in one worker process, and one closed loop of " +
    "HTTP requests from node's `http` with a keep-alive agent in that process (client, server and middleware share one core) that sends to each row's server in turn, " +
    `every ${SETTLE_MS} ms unmeasured + ${SLICE_MS} ms measured (forward, then backward), so the drift of a shared machine falls on every row alike. ` +
    "Rows: the bare route (the baseline); our Express adapter replaying a stored response (the same `Idempotency-Key` every time: one acquire script, no handler); " +
    "our adapter on a first request (a new key every time: acquire, the route, the complete script); express-idempotency 1.0.6 with its Redis adapter 1.0.8 " +
    "replaying (a GET of its record, then the stored body). *added p50 / p99* subtract the bare route's latency in the same cell; the target is on the replay path at c=1.",
  server: "shared",
  oneProcess: true,
  minRounds: 5,
  addedLatency: true,
  configs: [
    { id: "bare", label: "bare route (no idempotency)", role: "baseline" },
    { id: "ours-replay", label: "`idempotencyMiddleware`, replay", role: "subject", maxAddedP99Ms: { "c=1": 1 } },
    { id: "ours-first", label: "`idempotencyMiddleware`, first request (new key)", role: "reference" },
    { id: "theirs-replay", label: "express-idempotency + Redis adapter, replay", role: "reference" },
  ],
  cells: [
    { label: "c=1", params: { concurrency: 1 } },
    { label: "c=16", params: { concurrency: 16 } },
  ],
};

const BODY = JSON.stringify({ amount: 1000, currency: "EUR" });
const REPLAY_KEY = `bench-replay-${randomBytes(6).toString("hex")}`;

/** The app every row serves: the JSON parser, then `middleware`, then the route. */
function paymentsApp(middleware: RequestHandler | undefined, skip: (req: express.Request) => boolean = () => false): Express {
  const app = express();
  app.use(express.json());
  if (middleware) app.use(middleware);
  app.post("/payments", (req, res) => {
    if (skip(req)) return;
    res.status(201).json({ id: "pay_01JABCDEF0123456789XYZ", amount: (req.body as { amount: number }).amount, currency: "EUR", status: "succeeded" });
  });
  return app;
}

/** An HTTP client of one server with a keep-alive agent: `post(key)` resolves on a 2xx, rejects otherwise. */
function client(port: number): { post: (key: string) => Promise<void>; close: () => void } {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const post = (key: string) =>
    new Promise<void>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, method: "POST", path: "/payments", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(BODY), "idempotency-key": key } }, (res) => {
        res.resume();
        res.on("end", () => ((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300 ? resolve() : reject(new Error(`POST /payments answered ${res.statusCode}`))));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(BODY);
    });
  return { post, close: () => agent.destroy() };
}

async function listen(app: Express): Promise<Server> {
  return new Promise((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => resolve(server));
  });
}

/** One row's server: its app listening, a client of it, and the key of each request. */
interface Target {
  post: () => Promise<void>;
  close: () => Promise<void>;
}

/** Serves `app` and sends one request with `REPLAY_KEY` (what the replay rows repeat). */
async function serve(app: Express, keyOf: () => string, closeApp: () => Promise<unknown>): Promise<Target> {
  const server = await listen(app);
  const http = client((server.address() as AddressInfo).port);
  await http.post(REPLAY_KEY);
  return {
    post: () => http.post(keyOf()),
    close: async () => {
      http.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await closeApp();
    },
  };
}

/** What the suite uses of express-idempotency and its Redis adapter (both CommonJS). */
interface TheirLibrary {
  idempotency(options: { dataAdapter: unknown }): RequestHandler;
  getSharedIdempotencyService(): { isHit(req: express.Request): boolean };
}
interface TheirAdapter {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
}
type TheirAdapterClass = new (options: { connectionConfig: { socket: { host: string; port: number } }; ttl: number }) => TheirAdapter;

async function theirTarget(env: BenchEnv): Promise<Target> {
  const require = createRequire(import.meta.url);
  const library = require("express-idempotency") as TheirLibrary;
  const RedisAdapter = (require("express-idempotency-redis-adapter") as { default: TheirAdapterClass }).default;
  const adapter = new RedisAdapter({ connectionConfig: { socket: { host: env.host, port: env.port } }, ttl: 120 });
  await adapter.connect();
  // its README: a route must return at once when the middleware already answered (a "hit")
  const app = paymentsApp(library.idempotency({ dataAdapter: adapter }), (req) => library.getSharedIdempotencyService().isHit(req));
  return serve(app, () => REPLAY_KEY, () => adapter.disconnect());
}

const ROWS = ["bare", "ours-replay", "ours-first", "theirs-replay"] as const;

/**
 * The four servers live in one worker process (`oneProcess`), and one closed loop sends to the
 * row whose turn it is: the machine's drift (other jobs on 2 cores) then falls on every row alike.
 */
async function openWindow(env: BenchEnv): Promise<RowsWindow> {
  const pool = await RedisConnectionPool.connect({ host: env.host, port: env.port });
  const ours = createIdempotency(pool, { retentionSeconds: 120 });
  const middleware = idempotencyMiddleware(ours) as unknown as RequestHandler;
  // the first-request row counts its own keys: every cell and round starts the loop's `i` again
  const firstPrefix = `bench-first-${randomBytes(6).toString("hex")}`;
  let sent = 0;
  const targets = [
    await serve(paymentsApp(undefined), () => REPLAY_KEY, async () => undefined),
    await serve(paymentsApp(middleware), () => REPLAY_KEY, async () => undefined),
    await serve(paymentsApp(middleware), () => `${firstPrefix}-${sent++}`, async () => undefined),
    await theirTarget(env),
  ];
  return {
    measureAll: (cell) =>
      runAlternatingRows(
        targets.map((target) => () => target.post()),
        windowOptions(env, cell, 1, { sliceMs: SLICE_MS, settleMs: SETTLE_MS }),
      ),
    close: async () => {
      await Promise.all(targets.map((target) => target.close()));
      await pool.close();
    },
  };
}

export const idempotencyFactories: ScenarioFactories = sharedWindowFactories(ROWS, 1, openWindow);
