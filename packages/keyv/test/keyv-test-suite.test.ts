import { RedisConnectionPool, type RedisConnection } from "@redis-interface/core";
import { forTenant } from "@redis-interface/tenancy";
import { randomId, sharedRedisFromEnv } from "@redis-interface/testing";
import keyvTestSuite, { keyvIteratorTests } from "@keyv/test-suite";
import { Keyv } from "keyv";
import { KeyvRedisInterface } from "../src/index.js";
import { jestAsVitest } from "./support/keyv-suite.js";

// The official Keyv compliance suite (API, values, namespaces, iterator), run through Jest (see
// support/keyv-suite.ts), on a bare pool, a tenant view and a cluster pool. The suite uses fixed
// namespaces (keyv, keyv1, keyv2) and clears them: no other test file uses them on a bare pool.
const TARGETS: Array<{ name: string; open: () => Promise<{ pool: RedisConnectionPool; connection: RedisConnection }> }> = [
  {
    name: "standalone pool",
    open: async () => {
      const pool = await RedisConnectionPool.connect({ port: sharedRedisFromEnv().port, poolSize: 2 });
      return { pool, connection: pool };
    },
  },
  {
    name: "tenant view",
    open: async () => {
      const pool = await RedisConnectionPool.connect({ port: sharedRedisFromEnv().port, poolSize: 2 });
      return { pool, connection: forTenant(pool, `merchant_${randomId(8)}`) };
    },
  },
  {
    name: "cluster pool",
    open: async () => {
      const pool = await RedisConnectionPool.connect({ clusterEnabled: true, clusterUrls: sharedRedisFromEnv().clusterUrls });
      return { pool, connection: pool };
    },
  },
];

for (const { name, open } of TARGETS) {
  describe(`@keyv/test-suite — ${name}`, () => {
    let opened: { pool: RedisConnectionPool; connection: RedisConnection } | undefined;
    beforeAll(async () => {
      opened = await open();
    });
    afterAll(async () => {
      await opened?.pool.close();
    });
    const store = (): KeyvRedisInterface => {
      if (opened === undefined) throw new Error("the pool is opened in beforeAll");
      return new KeyvRedisInterface(opened.connection);
    };
    keyvTestSuite(jestAsVitest as never, Keyv, store);
    keyvIteratorTests(jestAsVitest as never, Keyv, store);
  });
}
