import { luaScript, scriptCommand, type RedisCommand } from "@redis-interface/core";
import type { StreamEntry } from "@redis-interface/streams";

/**
 * Appends the entry to the dead-letter stream and acknowledges it in the group, in one script:
 * there is no moment in which it is in both or in neither. Does nothing (returns 0) when the entry
 * is no longer pending (another consumer acknowledged it meanwhile).
 * KEYS: stream, dead-letter stream. ARGV: group, id, consumer, error, deliveries, fields (JSON), stream name.
 */
export const DEAD_LETTER_SCRIPT = luaScript(`
local call = redis.call
if #call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1) == 0 then return 0 end
call('XADD', KEYS[2], '*', 'originalId', ARGV[2], 'originalStream', ARGV[7], 'group', ARGV[1],
  'consumer', ARGV[3], 'deliveries', ARGV[5], 'error', ARGV[4], 'fields', ARGV[6])
call('XACK', KEYS[1], ARGV[1], ARGV[2])
return 1
`);

/** Where and why an entry is dead-lettered. */
export interface DeadLetterRequest {
  stream: string;
  deadLetterStream: string;
  group: string;
  consumer: string;
  entry: StreamEntry;
  /** The handler's last error message, stored in the dead-letter entry. */
  error: string;
  deliveries: number;
}

const moved = (reply: unknown): boolean => reply === 1;

/**
 * The dead-letter script (`EVALSHA`, `EVAL` on NOSCRIPT): `XADD deadLetterStream * originalId …
 * originalStream … group … consumer … deliveries … error … fields <JSON>` and `XACK stream group id`,
 * only while the entry is still pending. Both streams are keys (on a cluster: one slot).
 * @returns the command; its result is true when the entry was moved, false when it was no longer pending.
 */
export function DEAD_LETTER(request: DeadLetterRequest): RedisCommand<boolean> {
  const { stream, deadLetterStream, group, consumer, entry, error, deliveries } = request;
  return scriptCommand(DEAD_LETTER_SCRIPT, [stream, deadLetterStream], [group, entry.id, consumer, error, String(deliveries), JSON.stringify(entry.fields), stream], moved);
}

/**
 * Removes the consumer from the group only when it has nothing pending, in one script: an entry
 * delivered to it between a check and a separate XGROUP DELCONSUMER would be dropped from the
 * pending list with it, and so never redelivered.
 * KEYS: stream. ARGV: group, consumer. Returns the deleted consumer's pending count (0), or -1 when kept.
 */
export const LEAVE_GROUP_IF_IDLE_SCRIPT = luaScript(`
local call = redis.call
if #call('XPENDING', KEYS[1], ARGV[1], '-', '+', 1, ARGV[2]) > 0 then return -1 end
return call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2])
`);

const left = (reply: unknown): boolean => reply === 0;

/**
 * The leave-if-idle script (`EVALSHA`, `EVAL` on NOSCRIPT): `XGROUP DELCONSUMER stream group
 * consumer` only if `XPENDING stream group - + 1 consumer` is empty, atomically.
 * @returns the command; its result is true when the consumer left the group, false when it holds pending entries.
 */
export function LEAVE_GROUP_IF_IDLE(stream: string, group: string, consumer: string): RedisCommand<boolean> {
  return scriptCommand(LEAVE_GROUP_IF_IDLE_SCRIPT, [stream], [group, consumer], left);
}
