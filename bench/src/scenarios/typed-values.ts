import { RedisConnectionPool, type RedisSettings } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import type { BenchEnv, ConfigRunner, ScenarioDefinition, ScenarioFactories } from "../harness/types.js";
import { rawIoredis } from "./clients.js";
import { loopRunner } from "./get-set.js";
import { makePayment, preEncode, samePayment } from "./payment.js";
import { forEachKey, isRead, keyOf, makeKeys } from "./workload.js";

export const typedValuesScenario: ScenarioDefinition = {
  id: "typed-values",
  title: "serializeAndSetKey / getAndDeserializeKey of a payment, 50 callers",
  unit: "ops/s",
  method:
    "The payment is `{id, amount: BigInt, currency, createdAt: Date, metadata: 10 strings}`. Even operations `getAndDeserializeKey`, odd ones " +
    "`serializeAndSetKey` (`SET … EX 300`) over 10,000 prefilled keys, 50 callers. The default codec is whatever `resolveRedisSettings({}).codec` is. " +
    "Plain JSON cannot carry a BigInt, so the `codec: \"json\"` row and the raw row store the pre-encoded equivalent " +
    "(amount and date as strings); the raw row is ioredis (auto-pipelining on) + `JSON.stringify` / `JSON.parse`.",
  server: "shared",
  configs: [
    { id: "kv-default-codec", label: "`kv`, default codec (rich payment)", role: "subject", target: 0.8 },
    { id: "kv-json-codec", label: "`kv`, `codec: \"json\"` (pre-encoded payment)", role: "subject" },
    { id: "raw-json", label: "raw ioredis AP on + JSON.stringify/parse (pre-encoded)", role: "baseline" },
  ],
  cells: [{ label: "c=50", params: { concurrency: 50 } }],
};

/** `kv` on a pool with `settings`: prefills `payment` under every key, checks one round trip, then reads and writes it. */
async function kvTyped(env: BenchEnv, prefix: string, payment: unknown, settings: Partial<RedisSettings>, check: (value: unknown) => boolean): Promise<ConfigRunner> {
  const keys = makeKeys(prefix);
  const pool = await RedisConnectionPool.connect({ host: env.host, port: env.port, ...settings });
  const store = kv(pool);
  await forEachKey(keys, (key) => store.serializeAndSetKey(key, payment));
  if (!check(await store.getAndDeserializeKey(keys[0] as string, "Payment"))) throw new Error(`the ${pool.codec.name} codec did not round-trip the payment`);
  return loopRunner(
    env,
    (i) => (isRead(i) ? store.getAndDeserializeKey(keyOf(keys, i), "Payment") : store.serializeAndSetKey(keyOf(keys, i), payment)),
    () => pool.close(),
  );
}

export const typedValuesFactories: ScenarioFactories = {
  "kv-default-codec": (env) => {
    const payment = makePayment();
    return kvTyped(env, "bench:typed:default", payment, {}, (value) => samePayment(value, payment));
  },
  "kv-json-codec": (env) => {
    const payment = preEncode(makePayment());
    return kvTyped(env, "bench:typed:json", payment, { codec: "json" }, (value) => JSON.stringify(value) === JSON.stringify(payment));
  },
  "raw-json": async (env) => {
    const keys = makeKeys("bench:typed:raw");
    const payment = preEncode(makePayment());
    const client = await rawIoredis(env, true);
    await forEachKey(keys, (key) => client.set(key, JSON.stringify(payment), "EX", 300));
    const read = async (key: string): Promise<unknown> => {
      const text = await client.get(key);
      if (text === null) throw new Error(`missing ${key}`);
      return JSON.parse(text) as unknown;
    };
    return loopRunner(env, (i) => (isRead(i) ? read(keyOf(keys, i)) : client.set(keyOf(keys, i), JSON.stringify(payment), "EX", 300)), () => client.quit());
  },
};
