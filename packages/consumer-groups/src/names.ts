import { assertKey, assertName } from "@redis-interface/core/internal";

/**
 * The checks every consumer-group command starts with: the stream (a key) and the group name,
 * each a non-empty string.
 * @throws RedisError `INVALID_ARGUMENT` naming the operation and what was wrong.
 */
export function assertGroup(stream: string, group: string, operation: string): void {
  assertKey(stream, operation, "stream");
  assertName(group, operation, stream, "group");
}
