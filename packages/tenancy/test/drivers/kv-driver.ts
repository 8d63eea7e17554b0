import { kv } from "@redis-interface/kv";
import { collect, globLiteral, settle, ttlFact, type FeatureDriver } from "./driver.js";

const STRING_NAMES = ["str", "keep", "exp", "nx", "nxget", "m1", "m2", "ms1", "ms2", "counter", "gone", "gone2"];
const TYPED_NAMES = ["typed", "typedExp", "typedKeep", "typedNx"];
const OTHER_NAMES = ["hash", "h1", "h2", "set", "list", "zset"];

/** Every function of `@redis-interface/kv`. */
export const kvDriver: FeatureDriver = {
  name: "kv",
  async write(connection, name, seed) {
    const store = kv(connection);
    await store.setKey(name("str"), `v-${seed}`);
    await store.setKeyWithoutModifyingTtl(name("keep"), seed);
    await store.setKeyWithExpiry(name("exp"), seed, 600);
    await store.setKeyIfNotExistsWithExpiry(name("nx"), seed, 600);
    await store.setKeyIfNotExistsAndGetValue(name("nxget"), seed, 600);
    await store.setMultipleKeysIfNotExistsAndGetValues([[name("m1"), seed], [name("m2"), `${seed}-2`]], 600);
    await store.setMultipleKeysIfNotExist({ [name("ms1")]: seed, [name("ms2")]: `${seed}-2` });
    await store.serializeAndSetKey(name("typed"), { seed, at: new Date(1_700_000_000_000), amount: 1234n });
    await store.serializeAndSetKeyWithExpiry(name("typedExp"), { seed }, 600);
    await store.serializeAndSetKeyWithoutModifyingTtl(name("typedKeep"), [seed]);
    await store.serializeAndSetKeyIfNotExist(name("typedNx"), new Set([seed]), 600);
    await store.setExpiry(name("keep"), 600);
    await store.setExpireAt(name("str"), Math.floor(Date.now() / 1000) + 600);
    await store.persist(name("str"));
    await store.incrementKey(name("counter"), 5, 600);
    await store.decrementKey(name("counter"), 2);
    await store.setHashFields(name("hash"), { a: seed, b: "2" }, 600);
    await store.setHashFieldIfNotExist(name("hash"), "c", seed, 600);
    await store.serializeAndSetHashFieldIfNotExist(name("hash"), "typed", { seed }, 600);
    await store.serializeAndSetMultipleHashFieldIfNotExist([[name("h1"), { seed }], [name("h2"), { seed: 2 }]], "f", 600);
    await store.incrementFieldsInHash(name("hash"), [["n", 3]]);
    await store.hdel(name("hash"), ["b"]);
    await store.sadd(name("set"), [seed, "x", "y"]);
    await store.srem(name("set"), ["y"]);
    await store.appendElementsToList(name("list"), ["first", seed, "y"]);
    await store.lpopListElements(name("list"), 1);
    await store.zadd(name("zset"), [{ member: seed, score: 1 }, { member: "x", score: 2 }, { member: "y", score: 3 }]);
    await store.zrem(name("zset"), ["y"]);
    await store.setKey(name("gone"), seed);
    await store.deleteKey(name("gone"));
    await store.setKey(name("gone2"), seed);
    await store.deleteMultipleKeys([name("gone2")]);
  },
  async destroy(connection, name) {
    const store = kv(connection);
    for (const suffix of ["str", "keep", "exp"]) await store.deleteKey(name(suffix));
    await store.deleteMultipleKeys([...STRING_NAMES, ...TYPED_NAMES].map(name));
    await store.hdel(name("hash"), ["a", "c", "n", "typed"]);
    await store.srem(name("set"), ["x"]);
    await store.lpopListElements(name("list"), 5);
    await store.zrem(name("zset"), ["x"]);
    await store.deleteMultipleKeys(OTHER_NAMES.map(name));
  },
  async observe(connection, name) {
    const store = kv(connection);
    const all = [...STRING_NAMES, ...TYPED_NAMES, ...OTHER_NAMES].map(name);
    const base = name("");
    return {
      prefixed: store.addPrefix(name("str")) === connection.keys.key(name("str")),
      str: await store.getKey(name("str")),
      bytes: (await store.getKeyBuffer(name("keep")))?.toString("utf8") ?? null,
      multiple: await store.getMultipleKeys(STRING_NAMES.map(name)),
      exists: await Promise.all(all.map((key) => store.exists(key))),
      typed: await settle(store.getAndDeserializeKey(name("typed"), "Payment")),
      typedMultiple: await store.getAndDeserializeMultipleKeys(TYPED_NAMES.map(name), "Payment"),
      ttls: (await Promise.all(all.map((key) => store.getTtl(key)))).map(ttlFact),
      field: await store.getHashField(name("hash"), "a"),
      fields: await store.getHashFields(name("hash")),
      typedField: await settle(store.getHashFieldAndDeserialize(name("hash"), "typed", "Payment")),
      hscan: (await store.hscan(name("hash"), "*")).sort(),
      hscanIterator: (await collect(store.hscanIterator(name("h1"), "*"))).sort(),
      hscanAndDeserialize: await store.hscanAndDeserialize(name("h1"), "*", "Payment"),
      scan: (await store.scan(`${globLiteral(base)}*`)).sort(),
      scanIterator: (await collect(store.scanIterator(`${globLiteral(base)}*`, { type: "hash" }))).sort(),
      members: (await store.smembers(name("set"))).sort(),
      isMember: await store.sismember(name("set"), "x"),
      cardinality: await store.scard(name("set")),
      list: await store.getListElements(name("list"), 0, -1),
      listLength: await store.getListLength(name("list")),
      ranked: await store.zrange(name("zset"), 0, -1),
      byScore: await store.zrangeByScore(name("zset"), "-inf", "+inf"),
      score: await store.zscore(name("zset"), "x"),
      zcard: await store.zcard(name("zset")),
    };
  },
};
