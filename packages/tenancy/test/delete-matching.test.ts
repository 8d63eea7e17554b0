import type { RedisConnection, RedisConnectionPool } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import { randomId } from "@redis-interface/testing";
import { forTenant } from "../src/index.js";
import { sharedPool } from "./support/servers.js";

/** Writes `count` keys `<name>:0…` through `connection` (300 s TTL). */
async function fill(connection: RedisConnection, name: string, count: number): Promise<void> {
  await kv(connection).setMultipleKeysWithExpiry(
    Array.from({ length: count }, (_, i) => [`${name}:${i}`, "v"] as const),
    { seconds: 300 },
  );
}

/** How many keys `<name>:…` `connection` sees under it. */
async function size(connection: RedisConnection, name: string): Promise<number> {
  return (await kv(connection).scan(`${name}:*`)).length;
}

describe.each([
  { title: "standalone", cluster: false, hashTag: false },
  { title: "cluster", cluster: true, hashTag: false },
  { title: "cluster with hashTag", cluster: true, hashTag: true },
])("kv deleteKeysMatching through tenant views — $title", ({ cluster, hashTag }) => {
  let pool: RedisConnectionPool;
  beforeAll(async () => {
    pool = await sharedPool(cluster);
  });
  afterAll(async () => {
    await pool.close();
  });

  it("a tenant's namespace `n*` is cleared without touching `nX`, `n*x`, the bare names or another tenant's `n*`", async () => {
    const id = randomId();
    const name = `k${id}`;
    const acme = forTenant(pool, `acme${id}`, { hashTag, fallbackToUnprefixed: true });
    const globex = forTenant(pool, `globex${id}`, { hashTag });
    const glob = acme.withKeyPrefix("n*");
    // `pool.withKeyPrefix("n*")` holds the bare names the tenant's read fallback would read
    const neighbours = [acme.withKeyPrefix("nX"), acme.withKeyPrefix("n*x"), pool.withKeyPrefix("n*"), globex.withKeyPrefix("n*")];
    await fill(glob, name, 300);
    await Promise.all(neighbours.map((neighbour) => fill(neighbour, name, 10)));

    expect(await kv(glob).deleteKeysMatching("*")).toBe(300);
    expect(await size(glob, name)).toBe(0);
    expect(await Promise.all(neighbours.map((neighbour) => size(neighbour, name)))).toEqual([10, 10, 10, 10]);
    expect(await Promise.all(neighbours.map((neighbour) => kv(neighbour).deleteKeysMatching(`${name}:*`)))).toEqual([10, 10, 10, 10]);
  });

  it("a tenant view over a prefix with glob characters clears only its own keys", async () => {
    const id = randomId();
    const inGlob = forTenant(pool.withKeyPrefix(`g*[${id}]?\\`), "acme", { hashTag });
    const lookalikes = [forTenant(pool.withKeyPrefix(`gX${id}X`), "acme", { hashTag }), forTenant(pool.withKeyPrefix(`g*[${id}]?\\`), "acme2", { hashTag })];
    await fill(inGlob, "k", 50);
    await Promise.all(lookalikes.map((view) => fill(view, "k", 5)));
    expect(await kv(inGlob).deleteKeysMatching("k*", { count: 7 })).toBe(50);
    expect(await size(inGlob, "k")).toBe(0);
    expect(await Promise.all(lookalikes.map((view) => size(view, "k")))).toEqual([5, 5]);
    expect(await Promise.all(lookalikes.map((view) => kv(view).deleteKeysMatching("*")))).toEqual([5, 5]);
  });
});
