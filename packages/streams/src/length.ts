import type { RedisConnection } from "@redis-interface/core";
import { assertKey } from "@redis-interface/core/internal";
import { XLEN } from "./commands/entries.js";

/**
 * Sends `XLEN stream`.
 * @returns the number of entries; 0 for a missing stream.
 * @throws RedisError `INVALID_ARGUMENT` for a bad stream name (before any I/O); `WRONG_TYPE`.
 */
export const streamGetLength =
  (connection: RedisConnection) =>
  async (stream: string): Promise<number> => {
    assertKey(stream, "streamGetLength", "stream");
    return connection.send("streamGetLength", XLEN(stream));
  };
