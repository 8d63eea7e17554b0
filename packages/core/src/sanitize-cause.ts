/**
 * A copy of an error cause that keeps only `name`, `message`, `stack` and a sanitised `cause`.
 * ioredis attaches the failed command (`{ name, args }`) to its errors: on a failed login the
 * args hold the user name and password (HELLO 3 AUTH user pw), on a failed write the stored
 * values. Nothing but those four fields may survive into a `RedisError`'s cause chain.
 * Non-error causes (strings, objects) are dropped: they may hold anything. A `RedisError` is kept
 * as it is (its own cause was sanitised when it was built), so `isRedisError(error.cause)` holds.
 */
export function sanitizeCause(cause: unknown, depth = 0): Error | undefined {
  if (!(cause instanceof Error) || depth > 8) return undefined;
  if (cause.name === "RedisError" && typeof (cause as { code?: unknown }).code === "string") return cause;
  const nested = sanitizeCause((cause as { cause?: unknown }).cause, depth + 1);
  const copy = new Error(cause.message, nested === undefined ? undefined : { cause: nested });
  copy.name = cause.name;
  if (cause.stack !== undefined) copy.stack = cause.stack;
  return copy;
}
