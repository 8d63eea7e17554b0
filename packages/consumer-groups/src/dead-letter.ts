import { luaScript, runScript, type RedisConnection } from "@redis-interface/core";
import type { StreamEntry } from "@redis-interface/streams";

/**
 * Appends the entry to the dead-letter stream and acknowledges it in the group, in one script:
 * there is no moment in which it is in both or in neither. Does nothing (returns 0) when the entry
 * is no longer pending (another consumer acknowledged it meanwhile).
 * KEYS: stream, dead-letter stream. ARGV: group, id, consumer, error, deliveries, fields (JSON), stream name.
 */
const DEAD_LETTER = luaScript(`
if #redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1) == 0 then return 0 end
redis.call('XADD', KEYS[2], '*', 'originalId', ARGV[2], 'originalStream', ARGV[7], 'group', ARGV[1],
  'consumer', ARGV[3], 'deliveries', ARGV[5], 'error', ARGV[4], 'fields', ARGV[6])
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
return 1
`);

/** Where and why an entry is dead-lettered. */
export interface DeadLetterRequest {
  stream: string;
  deadLetterStream: string;
  group: string;
  consumer: string;
  entry: StreamEntry;
  error: string;
  deliveries: number;
}

/**
 * Moves a poison entry to the dead-letter stream: one script runs `XADD deadLetterStream * originalId …
 * originalStream … group … consumer … deliveries … error … fields <JSON>` and `XACK stream group id`.
 * On a cluster both streams must share a slot (use a hash tag).
 * @returns true when it was moved, false when it was no longer pending.
 * @throws RedisError from the pool (`CROSS_SLOT` when the streams are in different slots).
 */
export async function deadLetter(connection: RedisConnection, request: DeadLetterRequest): Promise<boolean> {
  const keys = [connection.keys.key(request.stream), connection.keys.key(request.deadLetterStream)];
  const args = [
    request.group,
    request.entry.id,
    request.consumer,
    request.error,
    String(request.deliveries),
    JSON.stringify(request.entry.fields),
    request.stream,
  ];
  const moved = await connection.execute("deadLetter", request.stream, (client) => runScript(client, DEAD_LETTER, keys, args));
  return moved === 1;
}
