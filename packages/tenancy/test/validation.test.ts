import { RedisConnectionPool } from "@redis-interface/core";
import { sharedRedisFromEnv } from "@redis-interface/testing";
import { MAX_TENANT_ID_BYTES, assertTenantId, forTenant, isValidTenantId, tenantAclRules } from "../src/index.js";

const BAD_IDS: Array<[string, unknown, RegExp]> = [
  ["an empty id", "", /must not be empty/],
  ["a colon", "acme:eu", /":" at position 4/],
  ["an opening brace", "acme{", /"\{"/],
  ["a closing brace", "}acme", /"\}"/],
  ["a star", "acme*", /"\*"/],
  ["a question mark", "ac?me", /"\?"/],
  ["an opening bracket", "[acme", /"\["/],
  ["a closing bracket", "acme]", /"\]"/],
  ["a backslash", "ac\\me", /"\\"/],
  ["a space", "ac me", /U\+0020/],
  ["a tab", "acme\t", /U\+0009/],
  ["a newline", "acme\n", /U\+000A/],
  ["a non-breaking space", "ac\u00a0me", /U\+00A0/],
  ["a NUL", "acme\u0000", /U\+0000/],
  ["DEL", "acme\u007f", /U\+007F/],
  ["a C1 control", "acme\u0085", /U\+0085/],
  ["129 bytes", "a".repeat(129), /129 bytes long, the limit is 128/],
  ["65 two-byte characters", "é".repeat(65), /130 bytes long/],
  ["a number", 42, /must be a string, got number/],
  ["null", null, /must be a string, got null/],
  ["undefined", undefined, /must be a string, got undefined/],
];

describe("tenant ids, options and connections", () => {
  let pool: RedisConnectionPool;
  beforeAll(async () => {
    pool = await RedisConnectionPool.connect({ port: sharedRedisFromEnv().port, poolSize: 1 });
  });
  afterAll(async () => {
    await pool.close();
  });

  it.each(BAD_IDS)("rejects %s with INVALID_TENANT, synchronously and without I/O", (_, tenantId, message) => {
    const send = jest.spyOn(pool, "send");
    const execute = jest.spyOn(pool, "execute");
    try {
      expect(() => forTenant(pool, tenantId as string)).toThrow(expect.objectContaining({ name: "RedisError", code: "INVALID_TENANT", operation: "forTenant", message: expect.stringMatching(message) }));
      expect(() => tenantAclRules(tenantId as string)).toThrow(expect.objectContaining({ code: "INVALID_TENANT", operation: "tenantAclRules" }));
      expect(() => assertTenantId(tenantId)).toThrow(expect.objectContaining({ code: "INVALID_TENANT" }));
      expect(isValidTenantId(tenantId)).toBe(false);
      expect(send).not.toHaveBeenCalled();
      expect(execute).not.toHaveBeenCalled();
    } finally {
      send.mockRestore();
      execute.mockRestore();
    }
  });

  it.each([["ascii", "acme-eu_1.prod"], ["non-ASCII letters", "zürich-日本"], ["exactly 128 bytes", "x".repeat(MAX_TENANT_ID_BYTES)], ["64 two-byte characters", "é".repeat(64)]])(
    "accepts %s and builds the prefix from it",
    (_, tenantId) => {
      expect(isValidTenantId(tenantId)).toBe(true);
      const view = forTenant(pool, tenantId);
      expect(view.tenantId).toBe(tenantId);
      expect(view.keys.key("k")).toBe(`${tenantId}:k`);
      expect(forTenant(pool, tenantId, { hashTag: true }).keys.key("k")).toBe(`{${tenantId}}:k`);
    },
  );

  it("nests under the pool's prefix and under other views", () => {
    const view = forTenant(pool.withKeyPrefix("app"), "acme", { hashTag: true });
    expect(view.keys.key("orders")).toBe("app:{acme}:orders");
    expect(forTenant(view, "eu").keys.key("orders")).toBe("app:{acme}:eu:orders");
    expect(view.withKeyPrefix("cache").keys.key("k")).toBe("app:{acme}:cache:k");
  });

  it.each([
    ["a string", "yes", /options must be an object, got a string/],
    ["an array", [], /options must be an object, got an array/],
    ["null", null, /got null/],
    ["an unknown field", { hashtag: true }, /unknown option "hashtag" \(known: fallbackToUnprefixed, hashTag\)/],
    ["a non-boolean field", { hashTag: "true" }, /option "hashTag" must be a boolean, got a string/],
    ["a fallback of 1", { fallbackToUnprefixed: 1 }, /option "fallbackToUnprefixed" must be a boolean or \{ prefixes: \[\.\.\.\] \}, got 1/],
    ["a fallback with an unknown field", { fallbackToUnprefixed: { prefix: ["a_"] } }, /unknown option "prefix" \(known: prefixes\)/],
    ["a fallback without prefixes", { fallbackToUnprefixed: {} }, /"fallbackToUnprefixed.prefixes" must be a non-empty array of strings, got undefined/],
    ["a fallback with no prefixes", { fallbackToUnprefixed: { prefixes: [] } }, /must be a non-empty array of strings, got an empty array/],
    ["a fallback with an empty prefix", { fallbackToUnprefixed: { prefixes: ["a_", ""] } }, /"fallbackToUnprefixed.prefixes\[1\]" must be a non-empty string, got an empty string/],
    ["a fallback with a non-string prefix", { fallbackToUnprefixed: { prefixes: [7] } }, /prefixes\[0\]" must be a non-empty string, got 7/],
    ["a legacy prefix shaped <tenantId>:", { fallbackToUnprefixed: { prefixes: ["config:"] } }, /prefixes\[0\]" is shaped "<tenantId>:", the namespace of tenant "config"/],
    ["a legacy prefix inside a tenant's namespace", { fallbackToUnprefixed: { prefixes: ["globex:secret"] } }, /namespace of tenant "globex"/],
    ["a legacy prefix starting with a hash tag", { fallbackToUnprefixed: { prefixes: ["{globex"] } }, /prefixes\[0\]" starts with "\{"/],
  ])("rejects options that are %s with INVALID_ARGUMENT", (_, options, message) => {
    expect(() => forTenant(pool, "acme", options as never)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT", operation: "forTenant", message: expect.stringMatching(message) }));
  });

  it.each([["payment_"], [":bare"], ["pay ment:"], ["é".repeat(65) + ":"]])("accepts the legacy prefix %j (its text before the first \":\" is no tenant id)", (prefix) => {
    const view = forTenant(pool, "acme", { fallbackToUnprefixed: { prefixes: [prefix] } });
    expect(view.keys.fallback?.prefix).toBe("");
    expect([view.keys.fallsBack(`${prefix}x`), view.keys.fallsBack("other_x")]).toEqual([true, false]);
  });

  it("a declared prefix never covers a name inside a tenant's namespace (checked on each read)", () => {
    const view = forTenant(pool, "acme", { fallbackToUnprefixed: { prefixes: ["payment_", "globex"] } });
    expect(["payment_1", "payment_1 :x", "globex_legacy"].map((name) => view.keys.fallsBack(name))).toEqual([true, true, true]);
    expect(["payment_x:k", "globex:secret", "globex:{x}"].map((name) => view.keys.fallsBack(name))).toEqual([false, false, false]);
    expect(forTenant(pool, "acme").keys.fallsBack("payment_1")).toBe(false);
    expect(forTenant(pool, "acme", { fallbackToUnprefixed: false }).keys.fallback).toBeUndefined();
  });

  it.each([
    ["undefined", undefined],
    ["a plain object", { keys: {} }],
    ["an ioredis-like client", { get: () => undefined }],
    ["an object without send", { execute: () => undefined, keys: { extend: () => undefined } }],
    ["an object without keys.extend", { send: () => undefined, keys: {} }],
  ])("rejects %s as the connection with INVALID_ARGUMENT", (_, connection) => {
    expect(() => forTenant(connection as never, "acme")).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT", operation: "forTenant", message: expect.stringMatching(/RedisConnectionPool or a view/) }));
  });

  it("names the tenant's key and channel patterns in the ACL rules, with a pool prefix's glob characters escaped", () => {
    expect(tenantAclRules("acme")).toEqual(expect.arrayContaining(["resetkeys", "~acme:*", "resetchannels", "&acme:*", "-@dangerous", "-scan"]));
    expect(tenantAclRules("acme", { hashTag: true })).toEqual(expect.arrayContaining(["~{acme}:*", "&{acme}:*"]));
    expect(tenantAclRules("acme", { keyPrefix: "a*p" })).toEqual(expect.arrayContaining(["~a\\*p:acme:*"]));
    expect(() => tenantAclRules("acme", { keyPrefix: 7 as never })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
  });
});
