import { RedisError, type RedisClient, type RedisConnection } from "@redis-interface/core";
import { recordKey } from "./commands/transitions.js";

/**
 * Rewrites the record's own expiry (`PEXPIREAT` of its `PEXPIRETIME`: a write that changes nothing,
 * so a replay does not extend the retention); 0 when the record is gone.
 */
const REASSERT = `local at = redis.call('PEXPIRETIME', KEYS[1])
if at == -2 then return 0 end
if at == -1 then return redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return redis.call('PEXPIREAT', KEYS[1], at)`;

/**
 * Waits until one replica has the stored result: a script that rewrites the record's expiry
 * unchanged, then `WAIT 1 timeoutMs`, pipelined on one dedicated connection (on a cluster, to the
 * master of the record's slot). Used after storing a result and before replaying one.
 *
 * Why the escape hatch and the rewrite: WAIT counts the replicas that acknowledged the last write
 * *of its own connection*. The COMPLETE went through a shared connection (any of the pool's, round
 * robin), so a WAIT sent alone, through `send` or `sendBlocking`, would often run on a connection
 * that never wrote and answer at once, acknowledged by a replica that has nothing. The rewrite is
 * a write of this connection made after the COMPLETE was answered, so its replication offset
 * covers the COMPLETE's (replicas apply the stream in order); it also proves the record is still
 * on this master (0: it is gone). And a WAIT on a shared connection would hold up every command
 * queued behind it for up to `timeoutMs`.
 * @throws RedisError `NOT_DURABLE` when the record is gone or no replica acknowledged within
 *   `timeoutMs`; the pool's errors.
 */
export async function waitForReplica(connection: RedisConnection, operation: string, key: string, retentionMs: number, timeoutMs: number): Promise<void> {
  const name = connection.keys.key(recordKey(key));
  const [refreshed, replicas] = await connection.executeBlocking(operation, key, { timeoutMs: timeoutMs + 5_000 }, (client: RedisClient) => reassertThenWait(client, name, retentionMs, timeoutMs));
  if (refreshed !== 1) throw new RedisError("NOT_DURABLE", { operation, key, message: "the stored result is no longer on the master (failover?); it may be lost" });
  if (replicas < 1) {
    throw new RedisError("NOT_DURABLE", { operation, key, message: `no replica acknowledged the stored result within ${timeoutMs} ms (it is stored on the master and may be lost on a failover)` });
  }
}

async function reassertThenWait(client: RedisClient, name: string, retentionMs: number, timeoutMs: number): Promise<[number, number]> {
  const results = await client.pipeline().eval(REASSERT, 1, name, retentionMs).wait(1, timeoutMs).exec();
  const replies: unknown[] = [];
  for (const [error, reply] of results ?? []) {
    if (error) throw error;
    replies.push(reply);
  }
  return [Number(replies[0]), Number(replies[1])];
}
