import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { RedisConnectionPool } from "@redis-interface/core";
import { rejection, sharedRedisFromEnv, waitFor } from "@redis-interface/testing";
import { createIdempotency } from "../src/index.js";
import { fastifyIdempotency } from "../src/fastify.js";
import { newKey, replayable, send } from "./support/http.js";
import { deferred } from "./support/targets.js";

describe("Fastify adapter, through real HTTP", () => {
  let pool: RedisConnectionPool;
  let app: FastifyInstance;
  let url: string;
  const calls = new Map<string, number>();
  const gates = new Map<string, Promise<void>>();
  const streamed = randomBytes(3 * 65_536 + 17);
  const count = (request: FastifyRequest) => {
    const key = String(request.headers["idempotency-key"] ?? "none");
    calls.set(key, (calls.get(key) ?? 0) + 1);
    return calls.get(key) ?? 0;
  };

  beforeAll(async () => {
    pool = await RedisConnectionPool.connect({ port: sharedRedisFromEnv().port });
    app = Fastify();
    await app.register(fastifyIdempotency, { idempotency: createIdempotency(pool, { leaseMs: 5_000 }) });
    app.post("/payments", async (request, reply) => {
      const call = count(request);
      await gates.get(String(request.headers["idempotency-key"]));
      return reply.code(201).header("x-charge", `ch_${call}`).send({ charged: request.body ?? null, call, token: request.idempotency?.fencingToken });
    });
    app.post("/stream", async (request, reply) => {
      count(request);
      const chunks = [0, 1, 2, 3].map((index) => streamed.subarray(index * 65_536, (index + 1) * 65_536));
      return reply.type("application/octet-stream").send(Readable.from(chunks));
    });
    app.post("/empty", async (request, reply) => {
      count(request);
      return reply.code(202).send();
    });
    app.post("/flaky", async (request) => {
      if (count(request) === 1) throw new Error("database down");
      return "ok";
    });
    url = await app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await app?.close();
    await pool?.close();
  });

  it("replays status, headers and body byte-identically, with Idempotent-Replayed: true, without calling the route again", async () => {
    const key = newKey();
    const first = await send(`${url}/payments`, { key, json: { amount: 1000, currency: "EUR" } });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(JSON.parse(first.body.toString())).toEqual({ charged: { amount: 1000, currency: "EUR" }, call: 1, token: 1 });
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
    expect(first.body.equals(streamed.subarray(0, 4 * 65_536))).toBe(true);
    const second = await send(`${url}/stream`, { key });
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.headers.get("content-type")).toBe("application/octet-stream");
    expect(calls.get(key)).toBe(1);
  });

  it("replays a response sent without a body", async () => {
    const key = newKey();
    const first = await send(`${url}/empty`, { key });
    const second = await send(`${url}/empty`, { key });
    expect([first.status, second.status]).toEqual([202, 202]);
    expect([first.body.length, second.body.length]).toEqual([0, 0]);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(calls.get(key)).toBe(1);
  });

  it("answers 409 with Retry-After while the first request runs, 422 for another body, 400 for a malformed key", async () => {
    const key = newKey();
    const gate = deferred();
    gates.set(key, gate.promise);
    const first = send(`${url}/payments`, { key, json: { amount: 5 } });
    await waitFor(() => calls.get(key) === 1, { description: "route called" });
    const busy = await send(`${url}/payments`, { key, json: { amount: 5 } });
    expect(busy.status).toBe(409);
    expect(Number(busy.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(busy.body.toString()).error.code).toBe("IDEMPOTENCY_IN_PROGRESS");
    gate.resolve();
    expect((await first).status).toBe(201);
    expect((await send(`${url}/payments`, { key, json: { amount: 6 } })).status).toBe(422);
    expect((await send(`${url}/payments`, { key: "bad\u00e9key", json: {} })).status).toBe(400);
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

  it("refuses a registration without an instance or with an unknown option", async () => {
    for (const options of [{}, { idempotency: createIdempotency(pool), header: "X-Key", mode: "strict" }]) {
      const other = Fastify();
      const error = await rejection(Promise.resolve(other.register(fastifyIdempotency, options as never).ready()));
      expect(error.code).toBe("INVALID_ARGUMENT");
      await other.close();
    }
  });
});
