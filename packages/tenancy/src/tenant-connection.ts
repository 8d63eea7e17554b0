import type { KeyResolver, RedisConnection } from "@redis-interface/core";
import { RedisConnectionView } from "@redis-interface/core/internal";

/**
 * A tenant's view of a shared connection: the same connections, timeouts and events, with every
 * name the feature packages resolve (keys, stream names, channels, patterns, script KEYS) under
 * the tenant's prefix. It is a `RedisConnection` (core's view: `send` applies the tenant's prefix
 * to every described command's keys), so `kv(view)`, `streams(view)`, … work unchanged.
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
