import { scripts } from "@redis-interface/scripts";
import { settle, type FeatureDriver } from "./driver.js";

const READ_KEYS = "local seen = {} for index, key in ipairs(KEYS) do seen[index] = redis.call('EXISTS', key) end return seen";

/** Every function of `@redis-interface/scripts`. */
export const scriptsDriver: FeatureDriver = {
  name: "scripts",
  async write(connection, name, seed) {
    const lua = scripts(connection);
    await lua.evaluateRedisScript("return redis.call('SET', KEYS[1], ARGV[1])", [name("lua")], [seed]);
    const add = lua.defineScript<number>({ script: "return redis.call('INCRBY', KEYS[1], ARGV[1])", numberOfKeys: 1, name: "add" });
    await add([name("sum")], [7]);
    const held = await lua.acquireLock(name("lock"), { ttlMs: 600_000 });
    if (!held.acquired) throw new Error("a fresh tenant must get its own lock");
    await lua.extendLock(name("lock"), held.token, 900_000);
    const released = await lua.acquireLock(name("released"), { ttlMs: 600_000 });
    if (released.acquired) await lua.releaseLock(name("released"), released.token);
    await lua.rateLimit(name("rate"), { limit: 5, windowMs: 600_000 });
    await lua.rateLimit(name("rate"), { limit: 5, windowMs: 600_000 });
    await lua.compareAndSet(name("cas"), 0, { seed });
  },
  async destroy(connection, name) {
    const lua = scripts(connection);
    await lua.releaseLock(name("lock"), "not-the-owner");
    await lua.extendLock(name("lock"), "not-the-owner", 1);
    await lua.evaluateRedisScript("return redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])", ["lua", "sum", "lock", "rate", "cas"].map(name));
  },
  async observe(connection, name) {
    const lua = scripts(connection);
    const read = lua.defineScript<string | null>({ script: "return redis.call('GET', KEYS[1])", numberOfKeys: 1, name: "read" });
    return {
      lua: await read([name("lua")]),
      sum: await read([name("sum")]),
      present: await lua.evaluateRedisScript(READ_KEYS, ["lua", "sum", "lock", "released", "rate", "cas"].map(name)),
      versioned: await settle(lua.getVersioned(name("cas"))),
      // a lock held by this tenant cannot be taken again; a probe that gets it gives it back at once
      lockTaken: await lua.acquireLock(name("lock"), { ttlMs: 600_000 }).then(async (probe) => {
        if (probe.acquired) await probe.release();
        return !probe.acquired;
      }),
    };
  },
};
