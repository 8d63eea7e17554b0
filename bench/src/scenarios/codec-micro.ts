import { resolveRedisSettings } from "@redis-interface/core";
import superjson from "superjson";
import { runSyncLoop } from "../harness/closed-loop.js";
import type { ConfigRunner, ScenarioDefinition, ScenarioFactories } from "../harness/types.js";
import { bigintReplacer, makePayment, paymentReviver, preEncode, samePayment } from "./payment.js";

export const codecMicroScenario: ScenarioDefinition = {
  id: "codec-micro",
  title: "Codec alone: encode + decode of the payment, in process",
  unit: "round-trips/s",
  method:
    "One operation encodes the payment to a string and decodes it back, in a tight loop (no Redis). " +
    "Baseline: hand-written `JSON.stringify` replacer (BigInt → string) + `JSON.parse` reviver that knows the schema (amount → BigInt, createdAt → Date). " +
    "The two plain-object rows encode the payment with amount and date already strings, which the default codec writes as plain JSON. " +
    "Every row but plain JSON is checked to round-trip the payment exactly before it is timed; plain JSON carries a number amount and turns the Date into a string (lossy).",
  server: "none",
  configs: [
    { id: "default-codec", label: "default codec (`resolveRedisSettings({}).codec`)", role: "subject" },
    { id: "superjson", label: "`superjson.stringify` / `superjson.parse`", role: "reference" },
    { id: "hand-json", label: "JSON + replacer / reviver (BigInt, Date)", role: "baseline" },
    { id: "plain-json", label: "plain JSON, amount as a number (lossy)", role: "reference" },
    { id: "default-codec-plain", label: "default codec, plain object (JSON types only: amount and date as strings)", role: "reference" },
    { id: "json-plain", label: "`JSON.stringify` / `JSON.parse` of that plain object", role: "reference" },
  ],
  cells: [{ label: "in process", params: {} }],
};

function microRunner(roundTrip: () => unknown, micros: number): ConfigRunner {
  runSyncLoop(roundTrip, Math.min(100, micros)); // JIT warm-up, not measured
  return { run: async () => runSyncLoop(roundTrip, micros), close: async () => undefined };
}

function checked(roundTrip: () => unknown, name: string): () => unknown {
  if (!samePayment(roundTrip(), makePayment())) throw new Error(`${name} does not round-trip the payment`);
  return roundTrip;
}

export const codecMicroFactories: ScenarioFactories = {
  "default-codec": async (env) => {
    const codec = resolveRedisSettings({}).codec;
    const payment = makePayment();
    return microRunner(checked(() => codec.decode(codec.encode(payment)), `the default codec (${codec.name})`), env.timing.microMs);
  },
  superjson: async (env) => {
    const payment = makePayment();
    return microRunner(checked(() => superjson.parse(superjson.stringify(payment)), "superjson"), env.timing.microMs);
  },
  "hand-json": async (env) => {
    const payment = makePayment();
    return microRunner(checked(() => JSON.parse(JSON.stringify(payment, bigintReplacer), paymentReviver) as unknown, "JSON with replacer/reviver"), env.timing.microMs);
  },
  "plain-json": async (env) => {
    const payment = { ...makePayment(), amount: 1_234_567_890 };
    return microRunner(() => JSON.parse(JSON.stringify(payment)) as unknown, env.timing.microMs);
  },
  "default-codec-plain": async (env) => {
    const codec = resolveRedisSettings({}).codec;
    const plain = preEncode(makePayment());
    const expected = JSON.stringify(plain);
    const roundTrip = (): unknown => codec.decode(codec.encode(plain));
    if (JSON.stringify(roundTrip()) !== expected) throw new Error(`the default codec (${codec.name}) does not round-trip the plain payment`);
    return microRunner(roundTrip, env.timing.microMs);
  },
  "json-plain": async (env) => {
    const plain = preEncode(makePayment());
    return microRunner(() => JSON.parse(JSON.stringify(plain)) as unknown, env.timing.microMs);
  },
};
