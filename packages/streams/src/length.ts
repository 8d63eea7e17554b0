import type { RedisConnection } from "@redis-interface/core";
import { assertStream } from "./validate.js";

/**
 * Sends `XLEN stream`.
 * @returns the number of entries; 0 for a missing stream.
 * @throws RedisError `INVALID_ARGUMENT` for a bad stream name (before any I/O); `WRONG_TYPE`.
 */
export async function streamGetLength(connection: RedisConnection, stream: string): Promise<number> {
  assertStream(stream, "streamGetLength");
  const redisKey = connection.keys.key(stream);
  return connection.execute("streamGetLength", stream, (client) => client.xlen(redisKey));
}
