import type { RedisConnection } from "./connection.js";
import { RedisConnectionView } from "./view.js";

/**
 * Runs `read` through `connection`; when its result `missed` and the connection's names fall
 * back (a tenant view with `fallbackToUnprefixed`), runs it once more through a view whose names
 * are the fallback's (the bare key), and returns that result. Only for reads: a write must
 * never land outside the caller's prefix.
 * @returns the first result that did not miss, or the fallback's result.
 * @throws whatever `read` throws (an error under the prefix is not retried: it is not a miss).
 */
export function readWithFallback<T>(connection: RedisConnection, read: (through: RedisConnection) => Promise<T>, missed: (result: T) => boolean): Promise<T> {
  const fallback = connection.keys.fallback;
  let first: Promise<T>;
  try {
    first = read(connection);
  } catch (error) {
    return Promise.reject(error);
  }
  // No fallback (every pool, most views): hand back the read's own promise, no extra promise per call.
  if (fallback === undefined) return first;
  return first.then((result) => (missed(result) ? read(new RedisConnectionView(connection, fallback)) : result));
}
