import { FIRST_KEY, type RedisCommand } from "@redis-interface/core";

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
