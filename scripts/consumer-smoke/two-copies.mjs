// Two copies of core in one tree (the root one and an older/newer one nested under legacy-app):
// errors made by either copy are recognised by the other's `isRedisError`, and a pool of one copy
// drives a feature package built against the other.
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const root = await import("@redis-interface/core");
const { kv } = await import("@redis-interface/kv");
const legacy = require("legacy-app");
const rootVersion = require("@redis-interface/core/package.json").version;
assert.notEqual(legacy.coreVersion, rootVersion, "the nested core must be another version");
assert.notEqual(legacy.core.RedisError, root.RedisError, "two copies of the RedisError class");

const pool = await legacy.core.RedisConnectionPool.connect({ host: "127.0.0.1", port: Number(process.env.SMOKE_REDIS_PORT), poolSize: 1 });
try {
  const store = kv(pool.withKeyPrefix(`two-copies-${process.pid}`));
  const missing = await store.getAndDeserializeKey("missing", "Payment").catch((error) => error);
  assert.ok(missing instanceof root.RedisError && !(missing instanceof legacy.core.RedisError));
  assert.ok(legacy.core.isRedisError(missing, "NOT_FOUND"), "the nested copy recognises the root copy's error");
  await store.appendElementsToList("list", ["x"]);
  const wrongType = await store.getKey("list").catch((error) => error);
  assert.ok(wrongType instanceof legacy.core.RedisError && !(wrongType instanceof root.RedisError));
  assert.ok(root.isRedisError(wrongType, "WRONG_TYPE"), "the root copy recognises the nested copy's error");
  console.log(`two copies ok: core ${rootVersion} and ${legacy.coreVersion} agree on isRedisError`);
} finally {
  await pool.close();
}
