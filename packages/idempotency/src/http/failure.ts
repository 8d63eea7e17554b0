import { isRedisError } from "@redis-interface/core";

/** What an adapter sends instead of the route's response. */
export interface HttpFailure {
  readonly status: number;
  readonly retryAfterSeconds: number | undefined;
  readonly body: string;
}

function failure(status: number, code: string, message: string, retryAfterSeconds?: number): HttpFailure {
  return { status, retryAfterSeconds, body: JSON.stringify({ error: { code, message } }) };
}

/** A malformed `Idempotency-Key` header: 400. */
export function badKey(header: string): HttpFailure {
  return failure(400, "INVALID_IDEMPOTENCY_KEY", `the ${header} header must be 1 to 255 visible ASCII characters, sent once`);
}

/**
 * The response for an error of `run` (the route's own failures never get here):
 * `IDEMPOTENCY_MISMATCH` 422; `IDEMPOTENCY_IN_PROGRESS` 409 with `Retry-After` (seconds, rounded
 * up); `IDEMPOTENCY_LEASE_LOST` 409 with `Retry-After: 1` (another request took over: retry to get
 * its result); anything else (`NOT_DURABLE`, Redis unreachable…) 503 with `Retry-After: 1`.
 * Messages are fixed texts: nothing from the request or Redis.
 */
export function httpFailure(error: unknown): HttpFailure {
  if (isRedisError(error, "IDEMPOTENCY_MISMATCH")) return failure(422, error.code, "this idempotency key was used with a different request");
  if (isRedisError(error, "IDEMPOTENCY_IN_PROGRESS")) {
    return failure(409, error.code, "a request with this idempotency key is in progress", Math.max(1, Math.ceil((error.retryAfterMs ?? 1_000) / 1_000)));
  }
  if (isRedisError(error, "IDEMPOTENCY_LEASE_LOST")) return failure(409, error.code, "another request with this idempotency key took over; retry to get its result", 1);
  if (isRedisError(error, "NOT_DURABLE")) return failure(503, error.code, "the result could not be confirmed on a replica; retry", 1);
  return failure(503, isRedisError(error) ? error.code : "UNAVAILABLE", "the idempotency store is unavailable; retry", 1);
}
