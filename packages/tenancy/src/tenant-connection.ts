import { RedisConnectionView, type KeyResolver, type RedisConnection } from "@redis-interface/core";

/**
 * A tenant's view of a shared connection: the same connections, timeouts and events, with every
 * name the feature packages resolve (keys, stream names, channels, patterns, script KEYS) under
 * the tenant's prefix. It is a `RedisConnection`, so `kv(view)`, `streams(view)`, … work unchanged.
 */
export class TenantConnection extends RedisConnectionView {
  constructor(
    root: RedisConnection,
    keys: KeyResolver,
    /** The validated tenant id this view is confined to. */
    readonly tenantId: string,
  ) {
    super(root, keys);
  }
}
