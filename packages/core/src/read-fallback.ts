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
export async function readWithFallback<T>(connection: RedisConnection, read: (through: RedisConnection) => Promise<T>, missed: (result: T) => boolean): Promise<T> {
  const result = await read(connection);
  const fallback = connection.keys.fallback;
  if (fallback === undefined || !missed(result)) return result;
  return read(new RedisConnectionView(connection, fallback));
}
