import { FIRST_KEY, NO_KEYS, type RedisCommand } from "@redis-interface/core";

const receivers = (reply: unknown): number => Number(reply);

/**
 * `PUBLISH channel message`. The channel is marked as a key so that core applies the view's
 * prefix to it (tenants do not hear each other); Redis does not treat it as a key, so on a
 * cluster any node takes it and broadcasts it.
 * @returns (transform) the number of clients that received it.
 */
export function PUBLISH(channel: string, message: string): RedisCommand<number> {
  return { name: "PUBLISH", args: [channel, message], keys: FIRST_KEY, transform: receivers };
}

/**
 * `SPUBLISH shardchannel message` (Redis 7). The channel is marked as a key: prefixed by core, and
 * on a cluster the command goes to the shard owning its slot, where its SSUBSCRIBE subscribers are.
 * @returns (transform) the number of clients of that shard that received it.
 */
export function SPUBLISH(channel: string, message: string): RedisCommand<number> {
  return { name: "SPUBLISH", args: [channel, message], keys: FIRST_KEY, transform: receivers };
}

/**
 * `PUBLISH channel message` on a global channel: the channel is **not** marked as a key, so no
 * view's prefix is applied (every view, every tenant, names the same channel); on a cluster any
 * node takes it.
 * @returns (transform) the number of clients that received it.
 */
export function PUBLISH_GLOBAL(channel: string, message: string): RedisCommand<number> {
  return { name: "PUBLISH", args: [channel, message], keys: NO_KEYS, transform: receivers };
}

/**
 * `SPUBLISH shardchannel message` on a global channel: not marked as a key (no prefix); on a
 * cluster ioredis routes it to the shard of the channel's slot itself (SPUBLISH's first argument
 * is a key to Redis's command table).
 * @returns (transform) the number of clients of that shard that received it.
 */
export function SPUBLISH_GLOBAL(channel: string, message: string): RedisCommand<number> {
  return { name: "SPUBLISH", args: [channel, message], keys: NO_KEYS, transform: receivers };
}
