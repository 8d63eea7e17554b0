import type { Cluster, Redis } from "ioredis";
import type { RedisConnectionPool } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import { pubsub } from "@redis-interface/pubsub";
import { randomId, waitFor } from "@redis-interface/testing";
import { forTenant } from "../src/index.js";
import { readAs, type Schema } from "./support/serde-reader.js";
import { rawDelete, rawScan, sharedPool, sharedRaw } from "./support/servers.js";

// Issue #18 item 5: what a TypeScript service writes with the `serde` codec is what Hyperswitch's
// Rust services (serde_json) read, and what they write reads back exactly: values, hash fields and
// the cache invalidation message on the global channel `hyperswitch_invalidate`.

const INVALIDATION_CHANNEL = "hyperswitch_invalidate";
const I64_MAX = 9223372036854775807n;

/** A payment attempt as Hyperswitch's kv store keeps it (MinorUnit amounts are i64). */
const PAYMENT_ATTEMPT: Schema = {
  struct: {
    payment_id: "String",
    merchant_id: "String",
    attempt_id: "String",
    status: "String",
    amount: "i64",
    amount_capturable: "i64",
    currency: { option: "String" },
    connector: { option: "String" },
    created_at: "DateTime",
    modified_at: "DateTime",
    attempt_count: "u32",
    metadata: { option: { map: "String" } },
  },
};

/** Hyperswitch's `CacheRedact { tenant, kind: CacheKind }`; `CacheKind` is an externally tagged enum. */
const CACHE_REDACT: Schema = {
  struct: {
    tenant: "String",
    kind: { enum: { Config: "String", Accounts: "String", Routing: "String", DecisionManager: "String", Surcharge: "String", CGraph: "String", PmFiltersCGraph: "String", All: "String" } },
  },
};

function attempt(id: string) {
  return {
    payment_id: `pay_${id}`,
    merchant_id: "merchant_1",
    attempt_id: `pay_${id}_1`,
    status: "charged",
    amount: I64_MAX,
    amount_capturable: 0n,
    currency: "USD",
    connector: undefined, // Option::None: left out
    created_at: new Date("2026-11-25T10:00:00.123Z"),
    modified_at: new Date("2026-11-25T10:00:01.000Z"),
    attempt_count: 1,
    metadata: new Map([["order", "ord_1"]]),
  };
}

/** What the strict reader makes of `attempt(id)`: i64/u32 as bigint, dates as their RFC 3339 text, None as null. */
function asRustReadsIt(id: string) {
  return {
    payment_id: `pay_${id}`,
    merchant_id: "merchant_1",
    attempt_id: `pay_${id}_1`,
    status: "charged",
    amount: I64_MAX,
    amount_capturable: 0n,
    currency: "USD",
    connector: null,
    created_at: "2026-11-25T10:00:00.123Z",
    modified_at: "2026-11-25T10:00:01.000Z",
    attempt_count: 1n,
    metadata: { order: "ord_1" },
  };
}

/** JSON as serde_json writes a Hyperswitch payment attempt (nanosecond dates, `null` for None). */
function rustJson(id: string, amount: bigint): string {
  return (
    `{"payment_id":"pay_${id}","merchant_id":"merchant_1","attempt_id":"pay_${id}_1","status":"authorized",` +
    `"amount":${amount},"amount_capturable":${amount},"currency":"EUR","connector":null,` +
    `"created_at":"2026-11-25T10:00:00.123456789Z","modified_at":"2026-11-25T10:00:00.123456789Z","attempt_count":3,"metadata":null}`
  );
}

describe("the strict serde-style reader refuses what serde_json refuses", () => {
  it.each([
    ["a superjson envelope", '{"json":{"tenant":"t","kind":{"Config":"k"}}}'],
    ["an unknown field", '{"tenant":"t","kind":{"Config":"k"},"extra":1}'],
    ["a missing field", '{"kind":{"Config":"k"}}'],
    ["an unknown variant", '{"tenant":"t","kind":{"Cache":"k"}}'],
    ["two variants", '{"tenant":"t","kind":{"Config":"k","All":"k"}}'],
  ])("CacheRedact: %s", (_name, text) => {
    expect(() => readAs(text, CACHE_REDACT)).toThrow();
  });

  it.each([
    ["an amount as a string", rustJson("x", I64_MAX).replace(`"amount":${I64_MAX}`, `"amount":"${I64_MAX}"`)],
    ["an amount beyond i64", rustJson("x", I64_MAX + 1n)],
    ["an amount as a float", rustJson("x", 1n).replace('"amount":1', '"amount":1.0')],
    ["a rounded amount in exponent form", rustJson("x", 1n).replace('"amount":1', '"amount":9.223372036854776e18')],
    ["a date that is not RFC 3339", rustJson("x", 1n).replace('"created_at":"2026-11-25T10:00:00.123456789Z"', '"created_at":"25/11/2026"')],
    ["a negative u32", rustJson("x", 1n).replace('"attempt_count":3', '"attempt_count":-3')],
  ])("PaymentAttempt: %s", (_name, text) => {
    expect(() => readAs(text, PAYMENT_ATTEMPT)).toThrow();
  });

  it("reads serde_json's own output", () => {
    expect(readAs(rustJson("x", I64_MAX), PAYMENT_ATTEMPT)).toMatchObject({ amount: I64_MAX, attempt_count: 3n, connector: null, metadata: null });
  });
});

describe.each([
  { title: "standalone", cluster: false },
  { title: "cluster", cluster: true },
])("Hyperswitch interop through a tenant view — $title", ({ cluster }) => {
  let pool: RedisConnectionPool;
  let raw: Redis | Cluster;
  let tenant: string;
  beforeAll(async () => {
    pool = await sharedPool(cluster);
    raw = await sharedRaw(cluster);
  });
  beforeEach(() => {
    tenant = `hs${randomId()}`;
  });
  afterEach(async () => {
    await rawDelete(raw, await rawScan(raw, `*${tenant}*`));
  });
  afterAll(async () => {
    await pool.close();
    raw.disconnect();
  });

  function setUp() {
    const view = forTenant(pool, tenant, { hashTag: cluster });
    return { view, store: kv(view, { codec: "serde" }), rawKey: (key: string) => view.keys.key(key) };
  }

  it("values written with serializeAndSetKey are read by the strict reader", async () => {
    const { store, rawKey } = setUp();
    await store.serializeAndSetKey("pa_1", attempt("1"));
    await store.serializeAndSetKeyWithExpiryMs("pa_2", attempt("2"), 60_000);
    expect(readAs((await raw.get(rawKey("pa_1"))) as string, PAYMENT_ATTEMPT)).toStrictEqual(asRustReadsIt("1"));
    expect(readAs((await raw.get(rawKey("pa_2"))) as string, PAYMENT_ATTEMPT)).toStrictEqual(asRustReadsIt("2"));
    // The default codec writes the envelope for the same value (BigInt, Date, Map): Rust could not read it.
    await kv(setUp().view).serializeAndSetKey("pa_default", attempt("3"));
    const enveloped = (await raw.get(rawKey("pa_default"))) as string;
    expect(() => readAs(enveloped, PAYMENT_ATTEMPT)).toThrow(/unknown field `json`/);
  });

  it("hash fields written with serializeAndSet…HashField… are read by the strict reader", async () => {
    const { store, rawKey } = setUp();
    expect(await store.serializeAndSetHashFieldIfNotExist("attempts", "pa_1", attempt("1"))).toBe("KeySet");
    await store.serializeAndSetMultipleHashFieldIfNotExist([["attempts_a", attempt("a")], ["attempts_b", attempt("b")]], "pa_latest");
    expect(readAs((await raw.hget(rawKey("attempts"), "pa_1")) as string, PAYMENT_ATTEMPT)).toStrictEqual(asRustReadsIt("1"));
    expect(readAs((await raw.hget(rawKey("attempts_a"), "pa_latest")) as string, PAYMENT_ATTEMPT)).toStrictEqual(asRustReadsIt("a"));
    expect(readAs((await raw.hget(rawKey("attempts_b"), "pa_latest")) as string, PAYMENT_ATTEMPT)).toStrictEqual(asRustReadsIt("b"));
  });

  it("a CacheRedact published on hyperswitch_invalidate is read by the strict reader on the bare channel", async () => {
    const bus = pubsub(setUp().view, { codec: "serde", globalChannels: [INVALIDATION_CHANNEL] });
    // A plain ioredis subscriber, as a Rust service's: it knows nothing of prefixes or codecs.
    const subscriber = await sharedRaw(cluster);
    const heard: string[] = [];
    try {
      (subscriber as Redis).on("message", (channel: string, text: string) => {
        if (channel === INVALIDATION_CHANNEL && text.includes(tenant)) heard.push(text);
      });
      await subscriber.subscribe(INVALIDATION_CHANNEL);
      await bus.publish(INVALIDATION_CHANNEL, { tenant, kind: { Config: `merchant_config_${tenant}` } });
      await waitFor(() => heard.length === 1, { description: "the invalidation message on the bare channel" });
      expect(heard[0]).toBe(`{"tenant":"${tenant}","kind":{"Config":"merchant_config_${tenant}"}}`);
      expect(readAs(heard[0], CACHE_REDACT)).toStrictEqual({ tenant, kind: { Config: `merchant_config_${tenant}` } });
    } finally {
      await bus.close();
      subscriber.disconnect();
    }
  });

  it("Rust-shaped JSON written raw reads back exactly: i64 max as bigint, dates as written, also on the invalidation channel", async () => {
    const { store, rawKey } = setUp();
    const text = rustJson("r", I64_MAX);
    await raw.set(rawKey("pa_rust"), text);
    await raw.hset(rawKey("attempts_rust"), "pa_rust", rustJson("r", -I64_MAX - 1n));
    const expected = {
      payment_id: "pay_r",
      merchant_id: "merchant_1",
      attempt_id: "pay_r_1",
      status: "authorized",
      amount: I64_MAX,
      amount_capturable: I64_MAX,
      currency: "EUR",
      connector: null,
      created_at: "2026-11-25T10:00:00.123456789Z",
      modified_at: "2026-11-25T10:00:00.123456789Z",
      attempt_count: 3,
      metadata: null,
    };
    expect(await store.getAndDeserializeKey("pa_rust", "PaymentAttempt")).toStrictEqual(expected);
    // The default codec reads plain JSON the same way: no rounding to 9223372036854776000.
    expect(await kv(setUp().view).getAndDeserializeKey("pa_rust", "PaymentAttempt")).toStrictEqual(expected);
    expect(await store.getHashFieldAndDeserialize("attempts_rust", "pa_rust", "PaymentAttempt")).toStrictEqual({
      ...expected,
      amount: -I64_MAX - 1n,
      amount_capturable: -I64_MAX - 1n,
    });
    // Written back unchanged, the bytes are serde_json's again (dates stayed strings, the amount a bare integer).
    await store.serializeAndSetKeyWithoutExpiry("pa_rust_copy", await store.getAndDeserializeKey("pa_rust", "PaymentAttempt"));
    expect(await raw.get(rawKey("pa_rust_copy"))).toBe(text);

    const bus = pubsub(setUp().view, { codec: "serde", globalChannels: [INVALIDATION_CHANNEL] });
    try {
      const heard: unknown[] = [];
      await bus.subscribe(INVALIDATION_CHANNEL, (message) => {
        if ((message as { tenant?: string }).tenant === tenant) heard.push(message);
      });
      await raw.publish(INVALIDATION_CHANNEL, `{"tenant":"${tenant}","kind":{"All":"${I64_MAX}"}}`);
      await waitFor(() => heard.length === 1, { description: "the Rust invalidation message" });
      expect(heard).toStrictEqual([{ tenant, kind: { All: `${I64_MAX}` } }]);
    } finally {
      await bus.close();
    }
  });
});
