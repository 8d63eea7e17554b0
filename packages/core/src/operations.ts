import type { RedisConnection } from "./connection.js";
import { RedisError } from "./errors.js";

/**
 * A feature package's operations: each takes the connection and returns the public function
 * (`(connection) => (key, …) => Promise<R>`), so the public function keeps its own type
 * parameters and JSDoc once bound.
 */
export type Operations = Readonly<Record<string, (connection: RedisConnection) => unknown>>;

/** The public surface of `operations` bound to a connection: each operation's returned function. */
export type BoundOperations<T extends Operations> = { readonly [K in keyof T]: ReturnType<T[K]> };

/**
 * Binds every operation to `connection` (no I/O): the feature package's factory (`kv(pool)`),
 * whose public type is `BoundOperations<typeof operations>`, derived from the implementation.
 * @returns a frozen object of the bound functions (safe to destructure).
 * @throws RedisError `INVALID_ARGUMENT` when `connection` is not a `RedisConnectionPool` or a view
 *   of one (`null`, a raw ioredis client, …).
 */
export function bindOperations<T extends Operations>(connection: RedisConnection, operations: T): BoundOperations<T> {
  assertConnection(connection);
  const bound: Record<string, unknown> = {};
  for (const name of Object.keys(operations)) bound[name] = (operations[name] as (connection: RedisConnection) => unknown)(connection);
  return Object.freeze(bound) as BoundOperations<T>;
}

function assertConnection(connection: unknown): void {
  const candidate = connection as { send?: unknown; sendBlocking?: unknown } | null;
  if (typeof candidate === "object" && candidate !== null && typeof candidate.send === "function" && typeof candidate.sendBlocking === "function") return;
  const got = connection === null ? "null" : typeof connection === "object" ? `an object (${(connection as object).constructor?.name ?? "Object"})` : typeof connection;
  throw new RedisError("INVALID_ARGUMENT", {
    operation: "bindOperations",
    message: `expected a RedisConnectionPool or a view of one (forTenant, withKeyPrefix), got ${got}`,
  });
}
