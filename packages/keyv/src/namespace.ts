import type { RedisConnection } from "@redis-interface/core";
import { invalidArgument } from "@redis-interface/core/internal";

/**
 * Keyv stores a key of namespace `ns` as `ns:key` (its own prefix), which is exactly the name a
 * view `withKeyPrefix(ns)` gives `key`: so the namespace's keys are the keys of that view, and a
 * walk through it is confined to them by core (its prefix is glob-escaped: `n*` never reaches `nX:`).
 */

/** The view holding the keys of `namespace` (`undefined` or `""`: the whole connection). */
export function namespaceView(connection: RedisConnection, namespace: string | undefined): RedisConnection {
  return namespace === undefined || namespace === "" ? connection : connection.withKeyPrefix(namespace);
}

/**
 * The view `clear` may empty. Without a namespace that is the whole connection, which is allowed
 * only when the connection has a prefix (a view, a tenant view, a pool's `keyPrefix`): on a bare
 * pool it would be every key of the database, payments included.
 * @throws RedisError `INVALID_ARGUMENT` for no namespace on an unprefixed connection, before any I/O.
 */
export function clearableView(connection: RedisConnection, namespace: string | undefined, operation: string): RedisConnection {
  if ((namespace === undefined || namespace === "") && connection.keys.prefix === "") {
    throw invalidArgument(
      operation,
      undefined,
      "refusing to clear without a namespace on a connection without a key prefix (it would delete every key of the database): give Keyv a namespace, or the store a view (pool.withKeyPrefix(…))",
    );
  }
  return namespaceView(connection, namespace);
}

/** The name Keyv knows a key of `namespace` by (`ns:key`), from the key as the namespace's view returns it. */
export function keyvName(namespace: string | undefined, key: string): string {
  return namespace === undefined || namespace === "" ? key : `${namespace}:${key}`;
}
