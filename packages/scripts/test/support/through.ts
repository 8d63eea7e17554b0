import { jsonCodec, superjsonCodec, type RedisCodec, type RedisConnection } from "@redis-interface/core";

/**
 * The `through` a transform is handed, for pure tests: only its `codec` is read by this package's
 * transforms (no connection, no Redis).
 */
export function through(codec: RedisCodec = superjsonCodec): RedisConnection {
  return { codec } as unknown as RedisConnection;
}

export { jsonCodec, superjsonCodec };
