import fc from "fast-check";
import type { Cluster, Redis } from "ioredis";
import type { RedisConnection, RedisConnectionPool } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import { randomId } from "@redis-interface/testing";
import { forTenant, isValidTenantId, type TenantConnection } from "../src/index.js";
import type { FeatureDriver, Names } from "./drivers/driver.js";
import { fallbackReads, writeReadable } from "./drivers/fallback-reads.js";
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

/**
 * A legacy prefix to declare: free text, or built from the other tenant's id (whole, its start,
 * followed by text, by `:` or in a hash tag: the declarations an attacker would try; forTenant
 * refuses some).
 */
const legacyPrefixArbitrary = fc.tuple(fc.constantFrom("free", "other", "otherStart", "otherPlus", "otherColon", "otherTag"), nameArbitrary);
type LegacyPrefixShape = [kind: string, text: string];

function legacyPrefix([kind, text]: LegacyPrefixShape, otherId: string): string {
  if (kind === "other") return otherId;
  if (kind === "otherStart") return otherId.slice(0, 1 + (text.length % otherId.length));
  if (kind === "otherPlus") return otherId + text;
  if (kind === "otherColon") return `${otherId}:${text}`;
  if (kind === "otherTag") return `{${otherId}}${text}`;
  return text;
}

/** Where a view made from the pool could keep names: `<valid tenant id>:…` or a hash tag `{…`. */
function tenantShaped(name: string): boolean {
  const colon = name.indexOf(":");
  return name.startsWith("{") || (colon !== -1 && isValidTenantId(name.slice(0, colon)));
}

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

describe.each([
  { title: "standalone", cluster: false },
  { title: "cluster", cluster: true },
])("tenant views with a read fallback — $title", ({ cluster }) => {
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

  it("no fallback read through tenant A's view returns data written through tenant B's view; declared legacy names still fall back", async () => {
    await fc.assert(
      fc.asyncProperty(
        tenantIdArbitrary,
        fc.boolean(),
        fc.boolean(),
        fc.array(legacyPrefixArbitrary, { minLength: 1, maxLength: 4 }),
        fc.array(nameArbitrary, { minLength: 1, maxLength: 3 }),
        async (tenantPart, hashTagA, hashTagB, shapes, nameParts) => {
          const run = randomId(10);
          const bId = `b${run}${tenantPart}`;
          const b = forTenant(pool, bId, { hashTag: hashTagB });
          const prefixes = shapes.map((shape) => legacyPrefix(shape, bId));
          const accepted: string[] = [];
          for (const prefix of prefixes) {
            try {
              forTenant(pool, `a${run}`, { fallbackToUnprefixed: { prefixes: [prefix] } });
              accepted.push(prefix);
            } catch (error) {
              expect(error).toMatchObject({ name: "RedisError", code: "INVALID_ARGUMENT" });
            }
            // a prefix in another tenant's namespace is refused at forTenant, whatever follows it
            if (prefix.startsWith("{") || prefix.startsWith(`${bId}:`)) expect(accepted).not.toContain(prefix);
          }
          fc.pre(accepted.length > 0);
          const a: TenantConnection = forTenant(pool, `a${run}${tenantPart}`, { hashTag: hashTagA, fallbackToUnprefixed: { prefixes: accepted } });
          // B's names include the legacy-looking ones; A reads them as B's view stores them (the attack) and bare
          const bNames = [...new Set([...accepted.flatMap((prefix) => nameParts.map((part) => `${prefix}${run}${part}`)), ...nameParts.map((part) => `${part}${run}`)])];
          const legacyNames = [...new Set(accepted.map((prefix) => `${prefix}${run}legacy`))];
          const readNames = [...bNames.map((name) => b.keys.key(name)), ...bNames, ...legacyNames];
          try {
            for (const name of legacyNames) await kv(pool).setKey(name, `legacy value of ${name}`);
            const before = await fallbackReads(a, readNames);
            const bToken = `b-secret-${run}`;
            await writeReadable(b, bNames, bToken);
            const after = await fallbackReads(a, readNames);
            expect(after).toEqual(before);
            expect(JSON.stringify(after)).not.toContain(bToken);
            // not vacuous: what B wrote is there, and A's declared legacy names outside every tenant namespace fall back
            expect(JSON.stringify(await fallbackReads(b, bNames))).toContain(bToken);
            for (const name of legacyNames) expect(await kv(a).getKey(name)).toBe(tenantShaped(name) ? null : `legacy value of ${name}`);
          } finally {
            await rawDelete(raw, await rawScan(raw, `*${run}*`));
          }
        },
      ),
      { numRuns: 12, endOnFailure: true },
    );
  }, 240_000);
});
