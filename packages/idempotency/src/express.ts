import type { IncomingMessage, ServerResponse } from "node:http";
import type { Idempotency } from "./create.js";
import { badKey, httpFailure, type HttpFailure } from "./http/failure.js";
import { requestFingerprint } from "./http/fingerprint.js";
import type { RequestIdempotency } from "./http/request-idempotency.js";
import { ResponseCapture } from "./http/response-capture.js";
import { headerKey, httpSettings, type HttpIdempotencyOptions } from "./http/settings.js";
import { REPLAYED_HEADER, ServerErrorResponse, bodyOf, isServerError, type StoredHttpResponse } from "./http/stored-response.js";

export type { HttpIdempotencyOptions, RequestIdempotency, StoredHttpResponse };
export { ServerErrorResponse };

/** The parts of an Express request the middleware reads (and `idempotency`, which it sets). */
export type IdempotentRequest = IncomingMessage & { body?: unknown; originalUrl?: string; idempotency?: RequestIdempotency };

/** An Express (or Connect) middleware. */
export type IdempotencyMiddleware = (req: IdempotentRequest, res: ServerResponse, next: (error?: unknown) => void) => void;

function sendFailure(res: ServerResponse, failure: HttpFailure): void {
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  res.statusCode = failure.status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  if (failure.retryAfterSeconds !== undefined) res.setHeader("retry-after", String(failure.retryAfterSeconds));
  res.end(failure.body);
}

function sendReplay(res: ServerResponse, response: StoredHttpResponse): void {
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.setHeader(REPLAYED_HEADER, "true");
  res.end(bodyOf(response));
}

/**
 * Express middleware giving the routes after it idempotency keys (mount it after the body parser:
 * the fingerprint reads `req.body`). A request whose method is in `methods` and that has the
 * header runs the rest of the chain through `idempotency.run`: the route's response (status,
 * headers, body, written at once or streamed) is held back, stored, then sent; a repeat gets the
 * stored response with `Idempotent-Replayed: true`. 400 for a malformed key, 422 for the key with
 * another request, 409 + `Retry-After` while in flight, 503 + `Retry-After` when Redis cannot
 * confirm. A 5xx from the route (its error handler after a throw) is sent but not stored, and the
 * lease is released. The route sees `req.idempotency` (`key`, `fencingToken`, `signal`).
 * @throws RedisError `INVALID_ARGUMENT` at once for a bad option or an unknown option name.
 */
export function idempotencyMiddleware(idempotency: Idempotency, options?: HttpIdempotencyOptions): IdempotencyMiddleware {
  const settings = httpSettings(options, "idempotencyMiddleware");
  return (req, res, next) => {
    const header = req.headers[settings.header];
    if (!settings.methods.has((req.method ?? "").toUpperCase()) || header === undefined) {
      next();
      return;
    }
    const key = headerKey(header);
    if (key === undefined) {
      sendFailure(res, badKey(settings.header));
      return;
    }
    const fingerprint = requestFingerprint(req.method ?? "", req.originalUrl ?? req.url ?? "", req.body);
    const capture = new ResponseCapture(res, settings.abandonAfterMs);
    let started = false;
    idempotency
      .run<StoredHttpResponse>(key, fingerprint, async ({ fencingToken, signal }) => {
        started = true;
        req.idempotency = { key, fencingToken, signal };
        capture.install();
        next();
        const response = await capture.captured;
        if (isServerError(response.status)) throw new ServerErrorResponse(response);
        return response;
      })
      .then(
        ({ value, replayed }) => {
          if (replayed) sendReplay(res, value);
          else capture.send(bodyOf(value));
        },
        (error: unknown) => {
          if (error instanceof ServerErrorResponse) capture.send(bodyOf(error.response));
          else if (started) {
            capture.restore();
            sendFailure(res, httpFailure(error));
          } else sendFailure(res, httpFailure(error));
        },
      );
  };
}
