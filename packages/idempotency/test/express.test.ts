import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import express from "express";
import { RedisConnectionPool } from "@redis-interface/core";
import { sharedRedisFromEnv } from "@redis-interface/testing";
import { createIdempotency } from "../src/index.js";
import { idempotencyMiddleware, type IdempotentRequest } from "../src/express.js";
import { baseUrl, newKey, replayable, send } from "./support/http.js";
import { deferred } from "./support/targets.js";

describe("Express adapter, through real HTTP", () => {
  let pool: RedisConnectionPool;
  let server: Server;
  let url: string;
  const calls = new Map<string, number>();
  const gates = new Map<string, Promise<void>>();
  const streamed = randomBytes(3 * 65_536 + 17);
  const count = (req: express.Request) => {
    const key = String(req.headers["idempotency-key"] ?? "none");
    calls.set(key, (calls.get(key) ?? 0) + 1);
    return calls.get(key) ?? 0;
  };

  beforeAll(async () => {
    pool = await RedisConnectionPool.connect({ port: sharedRedisFromEnv().port });
    const app = express();
    app.use(express.json());
    app.use(idempotencyMiddleware(createIdempotency(pool, { leaseMs: 5_000 }), { abandonAfterMs: 200 }));
    app.post("/payments", async (req, res) => {
      const call = count(req);
      await gates.get(String(req.headers["idempotency-key"]));
      res.status(201).set("x-charge", `ch_${call}`).json({ charged: req.body, call, token: (req as IdempotentRequest).idempotency?.fencingToken });
    });
    app.post("/stream", (req, res) => {
      count(req);
      res.setHeader("content-type", "application/octet-stream");
      let offset = 0;
      const next = () => {
        if (offset >= streamed.length) return void res.end();
        res.write(streamed.subarray(offset, offset + 65_536));
        offset += 65_536;
        setImmediate(next);
      };
      next();
    });
    app.post("/empty", (req, res) => {
      count(req);
      res.status(202).end();
    });
    app.post("/flaky", async (req, res) => {
      if (count(req) === 1) throw new Error("database down");
      res.status(200).send("ok");
    });
    app.post("/crash-mid-stream", (req, res, next) => {
      const call = count(req);
      res.write("partial ");
      if (call === 1) next(new Error("crashed after the first chunk"));
      else res.end("complete");
    });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
    });
    url = baseUrl(server);
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await pool?.close();
  });

  it("replays status, headers and body byte-identically, with Idempotent-Replayed: true, without calling the route again", async () => {
    const key = newKey();
    const first = await send(`${url}/payments`, { key, json: { amount: 1000, currency: "EUR" } });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(JSON.parse(first.body.toString())).toEqual({ charged: { amount: 1000, currency: "EUR" }, call: 1, token: 1 });
    // same JSON, keys in another order: the same request
    const second = await send(`${url}/payments`, { key, json: { currency: "EUR", amount: 1000 } });
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.body.equals(first.body)).toBe(true);
    expect(replayable(second.headers)).toEqual(replayable(first.headers));
    expect(calls.get(key)).toBe(1);
  });

  it("replays a streamed binary response byte-identically", async () => {
    const key = newKey();
    const first = await send(`${url}/stream`, { key });
    expect(first.body.equals(streamed)).toBe(true);
    const second = await send(`${url}/stream`, { key });
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.body.equals(streamed)).toBe(true);
    expect(second.headers.get("content-type")).toBe("application/octet-stream");
    expect(calls.get(key)).toBe(1);
  });

  it("replays a response ended without a body", async () => {
    const key = newKey();
    const first = await send(`${url}/empty`, { key });
    const second = await send(`${url}/empty`, { key });
    expect([first.status, second.status]).toEqual([202, 202]);
    expect([first.body.length, second.body.length]).toEqual([0, 0]);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(calls.get(key)).toBe(1);
  });

  it("answers 409 with Retry-After while the first request runs, then replays", async () => {
    const key = newKey();
    const gate = deferred();
    gates.set(key, gate.promise);
    const first = send(`${url}/payments`, { key, json: { amount: 5 } });
    await waitForCalls(key, 1);
    const busy = await send(`${url}/payments`, { key, json: { amount: 5 } });
    expect(busy.status).toBe(409);
    expect(Number(busy.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(busy.headers.get("retry-after"))).toBeLessThanOrEqual(5);
    expect(JSON.parse(busy.body.toString()).error.code).toBe("IDEMPOTENCY_IN_PROGRESS");
    gate.resolve();
    expect((await first).status).toBe(201);
    expect((await send(`${url}/payments`, { key, json: { amount: 5 } })).headers.get("idempotent-replayed")).toBe("true");
  });

  it("answers 422 for the key with another body, and 400 for a malformed key", async () => {
    const key = newKey();
    expect((await send(`${url}/payments`, { key, json: { amount: 1 } })).status).toBe(201);
    const other = await send(`${url}/payments`, { key, json: { amount: 2 } });
    expect(other.status).toBe(422);
    expect(JSON.parse(other.body.toString()).error.code).toBe("IDEMPOTENCY_MISMATCH");
    expect((await send(`${url}/payments`, { key: "k".repeat(256), json: {} })).status).toBe(400);
    expect(calls.get(key)).toBe(1);
  });

  it("passes requests without the header through untouched", async () => {
    const before = calls.get("none") ?? 0;
    expect((await send(`${url}/payments`, { json: {} })).status).toBe(201);
    expect((await send(`${url}/payments`, { json: {} })).status).toBe(201);
    expect(calls.get("none")).toBe(before + 2);
  });

  it("a route that throws answers 500, stores nothing, and the retry runs it again", async () => {
    const key = newKey();
    expect((await send(`${url}/flaky`, { key })).status).toBe(500);
    const retry = await send(`${url}/flaky`, { key });
    expect(retry.status).toBe(200);
    expect(retry.body.toString()).toBe("ok");
    expect(calls.get(key)).toBe(2);
  });

  it("a route that crashes mid-stream releases its lease: the retry runs instead of getting 409", async () => {
    const key = newKey();
    expect((await send(`${url}/crash-mid-stream`, { key })).status).toBe(500);
    const retry = await send(`${url}/crash-mid-stream`, { key });
    expect(retry.status).toBe(200);
    expect(retry.body.toString()).toBe("partial complete");
    expect(calls.get(key)).toBe(2);
  });

  async function waitForCalls(key: string, expected: number): Promise<void> {
    const { waitFor } = await import("@redis-interface/testing");
    await waitFor(() => calls.get(key) === expected, { description: `route called ${expected} time(s)` });
  }
});
