import { isRedisError, type RedisConnection } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import { expectEqual, type DemoSteps } from "./step.js";

interface Payment {
  id: string;
  amount: bigint;
  currency: string;
  createdAt: Date;
}

/** The key-value patterns of Hyperswitch's callers, with `@redis-interface/kv`. */
export async function kvUsage(redis: RedisConnection, steps: DemoSteps): Promise<void> {
  const store = kv(redis);

  await steps.run("kv: set, get and delete a key (the seed's first example)", async () => {
    await store.setKey("my_key", "hello world");
    const value = await store.getKey("my_key");
    expectEqual(value, "hello world", "value read back");
    expectEqual(await store.deleteKey("my_key"), "KeyDeleted", "delete");
    return `stored "${value}" under ${store.addPrefix("my_key")} with the ${redis.settings.defaultTtl} s default TTL, then deleted it`;
  });

  await steps.run("kv: cache with the default TTL", async () => {
    let fetched = 0;
    const fetchConfig = async () => {
      fetched++;
      return { merchantId: "merchant_1", enabledConnectors: ["stripe", "adyen"] };
    };
    const cached = async () => {
      try {
        return await store.getAndDeserializeKey<Awaited<ReturnType<typeof fetchConfig>>>("config:merchant_1", "MerchantConfig");
      } catch (error) {
        if (!isRedisError(error, "NOT_FOUND")) throw error;
        const config = await fetchConfig();
        await store.serializeAndSetKey("config:merchant_1", config);
        return config;
      }
    };
    await cached();
    const second = await cached();
    expectEqual(fetched, 1, "database fetches");
    const ttl = await store.getTtl("config:merchant_1");
    return `second read served from Redis (${second.enabledConnectors.join(", ")}), ${ttl} s left of the ${redis.settings.defaultTtl} s default TTL`;
  });

  await steps.run("kv: typed payment with a BigInt amount and a Date", async () => {
    const payment: Payment = { id: "pay_42", amount: 9_007_199_254_740_993n, currency: "EUR", createdAt: new Date("2026-11-25T09:30:00Z") };
    await store.serializeAndSetKeyWithExpiry("payment:pay_42", payment, 900);
    const back = await store.getAndDeserializeKey<Payment>("payment:pay_42", "Payment");
    expectEqual(back, payment, "payment");
    return `amount ${back.amount} (beyond Number.MAX_SAFE_INTEGER) and ${back.createdAt.toISOString()} came back typed`;
  });

  await steps.run("kv: atomic attempt counter", async () => {
    const attempts = await Promise.all(Array.from({ length: 5 }, () => store.incrementKey("2fa_attempts:user_7", 1, 300)));
    expectEqual(Math.max(...attempts), 5, "highest attempt");
    const ttl = await store.getTtl("2fa_attempts:user_7");
    return `5 concurrent failed logins counted ${[...attempts].sort().join(",")}, window ${ttl} s`;
  });

  await steps.run("kv: lock with setKeyIfNotExistsWithExpiry", async () => {
    const lockKey = "API_LOCK_merchant_1_payments_pay_42";
    const replies = await Promise.all(["req_a", "req_b", "req_c"].map((requestId) => store.setKeyIfNotExistsWithExpiry(lockKey, requestId, 180)));
    expectEqual(replies.filter((reply) => reply === "KeySet").length, 1, "lock holders");
    const holder = await store.getKey(lockKey);
    expectEqual(await store.deleteKey(lockKey), "KeyDeleted", "release");
    return `three requests raced, ${holder} got the lock (180 s expiry) and released it`;
  });
}
