import type { RedisConnection } from "@redis-interface/core";

/**
 * The name Redis stores for `key` under this connection's prefix (Hyperswitch's `add_prefix`), for
 * logs and raw tooling. No I/O, no check.
 */
export const addPrefix =
  (connection: RedisConnection) =>
  (key: string): string =>
    connection.keys.key(key);
