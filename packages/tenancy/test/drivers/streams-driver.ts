import { streams } from "@redis-interface/streams";
import type { FeatureDriver } from "./driver.js";

/** Every function of `@redis-interface/streams`. */
export const streamsDriver: FeatureDriver = {
  name: "streams",
  async write(connection, name, seed) {
    const store = streams(connection);
    const first = await store.streamAppendEntry(name("events"), "*", { seed, step: "1" });
    await store.streamAppendEntry(name("events"), "*", [["seed", seed], ["step", "2"]]);
    await store.streamAppendEntry(name("events"), "*", { seed, step: "3" }, { maxLen: 100 });
    await store.streamDeleteEntries(name("events"), [first]);
    for (const step of ["1", "2", "3"]) await store.streamAppendEntry(name("trimmed"), "*", { seed, step });
    await store.streamTrimEntries(name("trimmed"), { kind: "MAXLEN", threshold: 1 });
  },
  async destroy(connection, name) {
    const store = streams(connection);
    const entries = await store.streamRange(name("events"), "-", "+");
    if (entries.length > 0) await store.streamDeleteEntries(name("events"), entries.map((entry) => entry.id));
    await store.streamTrimEntries(name("trimmed"), { kind: "MAXLEN", threshold: 0 });
  },
  async observe(connection, name) {
    const store = streams(connection);
    const both = [name("events"), name("trimmed")];
    return {
      lengths: [await store.streamGetLength(name("events")), await store.streamGetLength(name("trimmed"))],
      range: await store.streamRange(name("events"), "-", "+"),
      read: await store.streamReadEntries(both, ["0", "0"]),
      blockingRead: await store.streamReadWithOptions(both, ["0", "0"], { count: 10, blockMs: 20 }),
    };
  },
};
