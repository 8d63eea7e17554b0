import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { invalidArgument } from "@redis-interface/core/internal";
import type { Idempotency } from "./create.js";
import { badKey, httpFailure, type HttpFailure } from "./http/failure.js";
import { requestFingerprint } from "./http/fingerprint.js";
import type { RequestIdempotency } from "./http/request-idempotency.js";
import { headerKey, httpSettings, type HttpIdempotencyOptions, type HttpSettings } from "./http/settings.js";
import { REPLAYED_HEADER, ServerErrorResponse, bodyOf, isServerError, storedResponse, type StoredHttpResponse } from "./http/stored-response.js";
import type { IdempotencyResult } from "./types.js";

export type { HttpIdempotencyOptions, RequestIdempotency, StoredHttpResponse };
export { ServerErrorResponse };

declare module "fastify" {
  interface FastifyRequest {
    /** Set by `fastifyIdempotency` on a request that runs under an idempotency key. */
    idempotency?: RequestIdempotency;
  }
}

/** Options of `fastifyIdempotency`: the instance, and the adapter options. */
export interface FastifyIdempotencyOptions extends HttpIdempotencyOptions {
  idempotency: Idempotency;
}

/** A request whose route runs under a lease: how to hand its response to `run`, and `run`'s outcome. */
interface Running {
  readonly respond: (response: StoredHttpResponse) => void;
  readonly fail: (error: Error) => void;
  readonly outcome: Promise<IdempotencyResult<StoredHttpResponse>>;
  abandonTimer?: NodeJS.Timeout;
}

type Started = { readonly started: RequestIdempotency } | { readonly settled: IdempotencyResult<StoredHttpResponse> } | { readonly failed: unknown };

function failureReply(reply: FastifyReply, failure: HttpFailure): string {
  for (const name of Object.keys(reply.getHeaders())) reply.removeHeader(name);
  reply.code(failure.status).header("content-type", "application/json; charset=utf-8");
  if (failure.retryAfterSeconds !== undefined) reply.header("retry-after", String(failure.retryAfterSeconds));
  return failure.body;
}

/** The bytes of an `onSend` payload: a string, a Buffer, a stream (read to its end) or nothing. */
async function payloadBytes(payload: unknown): Promise<Buffer> {
  if (payload === undefined || payload === null) return Buffer.alloc(0);
  if (typeof payload === "string") return Buffer.from(payload, "utf8");
  if (payload instanceof Uint8Array) return Buffer.from(payload);
  if (typeof (payload as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function") {
    const chunks: Buffer[] = [];
    for await (const chunk of payload as AsyncIterable<string | Uint8Array>) chunks.push(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  return Buffer.from(String(payload), "utf8");
}

function plugin(idempotency: Idempotency, settings: HttpSettings) {
  const running = new WeakMap<FastifyRequest, Running>();

  /** Starts `run` and waits until it either calls the handler (the route may run) or settles without it. */
  async function begin(request: FastifyRequest, key: string): Promise<Started> {
    let respond!: (response: StoredHttpResponse) => void;
    let fail!: (error: Error) => void;
    const response = new Promise<StoredHttpResponse>((resolve, reject) => {
      respond = resolve;
      fail = reject;
    });
    let onStart!: (started: RequestIdempotency) => void;
    const started = new Promise<RequestIdempotency>((resolve) => (onStart = resolve));
    const fingerprint = requestFingerprint(request.method, request.url, request.body);
    const outcome = idempotency.run<StoredHttpResponse>(key, fingerprint, async ({ fencingToken, signal }) => {
      const context = { key, fencingToken, signal };
      running.set(request, { respond, fail, outcome });
      onStart(context);
      const captured = await response;
      if (isServerError(captured.status)) throw new ServerErrorResponse(captured);
      return captured;
    });
    outcome.catch(() => undefined);
    return Promise.race([
      started.then((context): Started => ({ started: context })),
      outcome.then((settled): Started => ({ settled }), (failed: unknown): Started => ({ failed })),
    ]);
  }

  return async (app: FastifyInstance): Promise<void> => {
    app.decorateRequest("idempotency", undefined);

    app.addHook("preHandler", async (request, reply) => {
      const header = request.headers[settings.header];
      if (!settings.methods.has(request.method.toUpperCase()) || header === undefined) return;
      const key = headerKey(header);
      if (key === undefined) return reply.send(failureReply(reply, badKey(settings.header)));
      const first = await begin(request, key);
      if ("started" in first) {
        request.idempotency = first.started;
        return;
      }
      if ("failed" in first) return reply.send(failureReply(reply, httpFailure(first.failed)));
      const stored = first.settled.value;
      reply.code(stored.status).headers(stored.headers as Record<string, string | string[]>).header(REPLAYED_HEADER, "true");
      return reply.send(bodyOf(stored));
    });

    app.addHook("onSend", async (request, reply, payload) => {
      const state = running.get(request);
      if (state === undefined) return payload;
      running.delete(request);
      clearTimeout(state.abandonTimer);
      const body = await payloadBytes(payload);
      state.respond(storedResponse(reply.statusCode, reply.getHeaders(), body));
      try {
        return bodyOf((await state.outcome).value);
      } catch (error) {
        if (error instanceof ServerErrorResponse) return body;
        return failureReply(reply, httpFailure(error));
      }
    });

    app.addHook("onRequestAbort", async (request) => {
      const state = running.get(request);
      if (state === undefined) return;
      state.abandonTimer = setTimeout(() => {
        if (running.delete(request)) state.fail(new Error("the client connection closed and the route did not send its response"));
      }, settings.abandonAfterMs);
      state.abandonTimer.unref();
    });
  };
}

/**
 * The Fastify plugin: `app.register(fastifyIdempotency, { idempotency, header?, methods?, abandonAfterMs? })`.
 * Not encapsulated (like a `fastify-plugin`): its hooks apply to every route of the instance it is
 * registered on. Same behaviour as the Express middleware: a `preHandler` hook runs `idempotency.run`
 * (the fingerprint reads the parsed `request.body`), an `onSend` hook stores the route's response
 * (string, Buffer or stream payload, read to the end) before it is sent, replays carry
 * `Idempotent-Replayed: true`; 400 / 422 / 409 + `Retry-After` / 503 + `Retry-After`; a 5xx is sent,
 * not stored, and the lease released. The route sees `request.idempotency`.
 * @throws RedisError `INVALID_ARGUMENT` (when registered) for a missing `idempotency`, a bad
 *   option or an unknown option name.
 */
export async function fastifyIdempotency(app: FastifyInstance, options: FastifyIdempotencyOptions): Promise<void> {
  const { idempotency, ...rest } = (options ?? {}) as Partial<FastifyIdempotencyOptions>;
  if (typeof idempotency !== "object" || idempotency === null || typeof idempotency.run !== "function") {
    throw invalidArgument("fastifyIdempotency", undefined, "options.idempotency must be the result of createIdempotency");
  }
  await plugin(idempotency, httpSettings(rest, "fastifyIdempotency"))(app);
}

// what fastify-plugin sets: the hooks apply to the registering instance, not a child context
Object.assign(fastifyIdempotency, { [Symbol.for("skip-override")]: true, [Symbol.for("fastify.display-name")]: "@redis-interface/idempotency" });
