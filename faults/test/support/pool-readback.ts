import type { RedisConnectionPool } from "@redis-interface/core";
import type { MixedLoad } from "./load.js";
import type { Readback } from "./scenario.js";

/** Reads back through the pool itself (every key of the load shares one hash tag, so MGET is one slot). */
export function poolReadback(pool: RedisConnectionPool, load: MixedLoad): Readback {
  return {
    values: (keys) => pool.execute("getMultipleKeys", undefined, (client) => client.mget([...keys])),
    streamIds: async () => {
      const entries = await pool.execute("streamRange", load.stream, (client) => client.xrange(load.stream, "-", "+"));
      return new Set((entries as Array<[string, string[]]>).map(([id]) => id));
    },
  };
}
