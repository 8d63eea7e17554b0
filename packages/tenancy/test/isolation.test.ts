import fc from "fast-check";
import type { Cluster, Redis } from "ioredis";
import type { RedisConnection, RedisConnectionPool } from "@redis-interface/core";
import { randomId } from "@redis-interface/testing";
import { forTenant } from "../src/index.js";
import type { FeatureDriver, Names } from "./drivers/driver.js";
import { consumerGroupsDriver } from "./drivers/consumer-groups-driver.js";
import { kvDriver } from "./drivers/kv-driver.js";
import { scriptsDriver } from "./drivers/scripts-driver.js";
import { streamsDriver } from "./drivers/streams-driver.js";
import { rawDelete, rawScan, sharedPool, sharedRaw } from "./support/servers.js";

const DRIVERS: readonly FeatureDriver[] = [kvDriver, streamsDriver, consumerGroupsDriver, scriptsDriver];

/** Characters a valid tenant id may hold, non-ASCII included. */
const tenantIdArbitrary = fc.string({ unit: fc.constantFrom(..."abcXYZ019-_.éü日本"), minLength: 0, maxLength: 12 });
/** Names a caller may use, glob characters, separators and braces included. */
const nameArbitrary = fc.string({ unit: fc.constantFrom(..."ab:{}*?[]\\ -_.é"), minLength: 1, maxLength: 10 });

const STREAM_ID = /^\d{13,}-\d+$/;

/** Stream ids replaced by a placeholder: the same writes at another moment get other ids. */
function withoutStreamIds(value: unknown): unknown {
  if (typeof value === "string") return STREAM_ID.test(value) ? "<id>" : value;
  if (Array.isArray(value)) return value.map(withoutStreamIds);
  if (typeof value === "object" && value !== null && !(value instanceof Date) && !(value instanceof Set)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withoutStreamIds(inner)]));
  }
  return value;
}

async function observeAll(connection: RedisConnection, name: Names): Promise<unknown[]> {
  const seen: unknown[] = [];
  for (const driver of DRIVERS) seen.push({ [driver.name]: await driver.observe(connection, name) });
  return seen;
}

describe.each([
  { title: "standalone", cluster: false, hashTag: false },
  { title: "standalone with hashTag", cluster: false, hashTag: true },
  { title: "cluster with hashTag", cluster: true, hashTag: true },
])("every package through two tenant views — $title", ({ cluster, hashTag }) => {
  let pool: RedisConnectionPool;
  let raw: Redis | Cluster;
  beforeAll(async () => {
    pool = await sharedPool(cluster);
    raw = await sharedRaw(cluster);
  });
  afterAll(async () => {
    await pool.close();
    raw.disconnect();
  });

  it("a tenant sees exactly what an unprefixed connection sees, nothing of another tenant, and Redis holds only prefixed names", async () => {
    await fc.assert(
      fc.asyncProperty(tenantIdArbitrary, nameArbitrary, async (tenantPart, namePart) => {
        const run = randomId(10);
        const marker = `m${run}`;
        const a = forTenant(pool, `a${run}${tenantPart}`, { hashTag });
        const b = forTenant(pool, `b${run}${tenantPart}`, { hashTag });
        const fresh = forTenant(pool, `c${run}${tenantPart}`, { hashTag });
        // `{marker}` keeps the unprefixed control's names in one cluster slot; a tenant's own tag comes first
        const name: Names = (suffix) => `{${marker}}${namePart}:${suffix}`;
        try {
          for (const driver of DRIVERS) await driver.write(pool, name, "seed-a");
          const control = withoutStreamIds(await observeAll(pool, name));
          await rawDelete(raw, await rawScan(raw, `*${marker}*`));

          for (const driver of DRIVERS) await driver.write(a, name, "seed-a");
          const nothing = await observeAll(fresh, name);
          const seenByA = await observeAll(a, name);
          expect(withoutStreamIds(seenByA)).toEqual(control);
          expect(seenByA).not.toEqual(nothing);
          expect(await observeAll(b, name)).toEqual(nothing);

          for (const driver of DRIVERS) await driver.write(b, name, "seed-b");
          expect(await observeAll(b, name)).not.toEqual(nothing);
          for (const driver of DRIVERS) await driver.destroy(b, name);
          expect(await observeAll(a, name)).toEqual(seenByA);

          const stored = await rawScan(raw, `*${marker}*`);
          const outside = stored.filter((key) => !key.startsWith(a.keys.prefix) && !key.startsWith(b.keys.prefix));
          expect(outside).toEqual([]);
          expect(stored.filter((key) => key.startsWith(a.keys.prefix)).length).toBeGreaterThan(20);
        } finally {
          await rawDelete(raw, await rawScan(raw, `*${marker}*`));
        }
      }),
      { numRuns: 4, endOnFailure: true },
    );
  }, 240_000);
});
