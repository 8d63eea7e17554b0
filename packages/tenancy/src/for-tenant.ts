import type { RedisConnection } from "@redis-interface/core";
import { invalidArgument } from "@redis-interface/core/internal";
import { resolveTenantOptions, type TenantOptions } from "./options.js";
import { TenantConnection } from "./tenant-connection.js";
import { assertTenantId } from "./tenant-id.js";

/** A pool or a view: it sends described commands (`send`) and resolves names (`keys.extend`). */
function assertConnection(connection: unknown, operation: string): asserts connection is RedisConnection {
  const candidate = connection as Partial<RedisConnection> | null | undefined;
  if (typeof candidate !== "object" || candidate === null || typeof candidate.send !== "function" || typeof candidate.keys?.extend !== "function") {
    throw invalidArgument(operation, undefined, "connection must be a RedisConnectionPool or a view of one");
  }
}

/**
 * A tenant's view of `connection` (a pool, a prefixed view, or another tenant view), built
 * synchronously with no I/O. Through it every name is `tenantId:name` (`{tenantId}:name` with
 * `hashTag`) after the connection's own prefix; scans and stream read results give names back
 * without it. With `fallbackToUnprefixed: { prefixes }`, the kv reads (`getKey`, `getKeyBuffer`,
 * `exists`, `getMultipleKeys`, `getAndDeserializeKey`, `getAndDeserializeMultipleKeys`,
 * `getHashField`, `getHashFields`, `getHashFieldAndDeserialize`) retry a miss on the bare name,
 * for names starting with a declared prefix that lie in no tenant's namespace (`<tenantId>:…`, `{…`).
 * @returns a `TenantConnection` that every feature package accepts.
 * @throws RedisError `INVALID_TENANT` for a tenant id that could escape its prefix;
 * `INVALID_ARGUMENT` for a bad connection or options (`fallbackToUnprefixed: true`, a legacy
 * prefix that is empty, starts with `{` or is shaped `<tenantId>:`).
 */
export function forTenant(connection: RedisConnection, tenantId: string, options?: TenantOptions): TenantConnection {
  const operation = "forTenant";
  assertConnection(connection, operation);
  assertTenantId(tenantId, operation);
  const { hashTag, fallbackFor } = resolveTenantOptions(options, operation);
  return new TenantConnection(connection, connection.keys.extend(tenantId, { hashTag, fallbackFor }), tenantId);
}
