import { isRedisError, type RedisConnection } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import { scripts } from "@redis-interface/scripts";
import { streams } from "@redis-interface/streams";
import { forTenant } from "@redis-interface/tenancy";
import { expectEqual, type DemoSteps } from "./step.js";

interface Payment {
  id: string;
  amount: bigint;
  currency: string;
  createdAt: Date;
}

const MERCHANTS = [
  { tenantId: "merchant_acme", amount: 1250n, currency: "EUR" },
  { tenantId: "merchant_globex", amount: 990n, currency: "USD" },
];

/**
 * Two merchants side by side on one pool with `@redis-interface/tenancy`: the same code and the
 * same key names, each merchant's data under its own prefix; a legacy unprefixed key read through
 * `fallbackToUnprefixed` (declared legacy prefix `routing_`); the keyspace they produced; a tenant id that could escape its prefix.
 */
export async function tenancyUsage(pool: RedisConnection, steps: DemoSteps): Promise<void> {
  const views = MERCHANTS.map((merchant) => ({ ...merchant, view: forTenant(pool, merchant.tenantId, merchant.tenantId === "merchant_acme" ? { fallbackToUnprefixed: { prefixes: ["routing_"] } } : {}) }));

  await steps.run("tenancy: two merchants run the same code on the same key names", async () => {
    for (const { view, amount, currency } of views) {
      const payment: Payment = { id: "pay_1", amount, currency, createdAt: new Date("2026-11-25T10:00:00Z") };
      await kv(view).serializeAndSetKey("payment:pay_1", payment);
      await kv(view).incrementKey("attempts:pay_1", 1, 3600);
      await streams(view).streamAppendEntry("payment_events", "*", { payment: "pay_1", status: "succeeded" });
      const limited = await scripts(view).rateLimit("rate:api", { limit: 100, windowMs: 60_000 });
      if (!limited.allowed) throw new Error("a fresh merchant must not be rate limited");
    }
    const seen = await Promise.all(views.map(({ view }) => kv(view).getAndDeserializeKey<Payment>("payment:pay_1", "Payment")));
    expectEqual(seen.map((payment) => `${payment.amount} ${payment.currency}`), ["1250 EUR", "990 USD"], "each merchant's own payment");
    return seen.map((payment, index) => `${views[index]?.tenantId} reads ${payment.amount} ${payment.currency}`).join("; ");
  });

  await steps.run("tenancy: a declared legacy unprefixed key is read through fallbackToUnprefixed only", async () => {
    await kv(pool).setKey("routing_config", "stripe,adyen");
    const [acme, globex] = await Promise.all(views.map(({ view }) => kv(view).getKey("routing_config")));
    expectEqual([acme, globex], ["stripe,adyen", null], "the fallback read");
    return `merchant_acme (fallback on) reads "${acme}", merchant_globex (fallback off) reads ${globex}`;
  });

  await steps.run("tenancy: the keyspace the two merchants produced", async () => {
    const keys = (await kv(pool).scan("merchant_*")).sort();
    for (const key of keys) console.log(`         ${key}`);
    const outside = keys.filter((key) => !MERCHANTS.some(({ tenantId }) => key.startsWith(`${tenantId}:`)));
    expectEqual(outside, [], "keys outside a merchant prefix");
    return `${keys.length} keys, every one under its merchant's prefix`;
  });

  await steps.run("tenancy: a tenant id that could escape its prefix is refused", async () => {
    try {
      forTenant(pool, "merchant_acme:*");
    } catch (error) {
      if (isRedisError(error, "INVALID_TENANT")) return `INVALID_TENANT: ${error.message}`;
      throw error;
    }
    throw new Error("forTenant accepted merchant_acme:*");
  });
}
