// Codec round-trip comparison (not part of turbo; run after `pnpm --filter @redis-interface/core build`):
//   node packages/core/bench/codec-compare.mjs [rounds] [msPerRound]
// Each round runs every candidate for about msPerRound, interleaved so machine load hits them alike;
// the figures per candidate are medians over the rounds. CPU time (process.cpuUsage, all threads of
// the process) is less disturbed than wall-clock time by other jobs on a shared machine.
import superjson from "superjson";
import { jsonCodec, superjsonCodec } from "../dist/esm/index.js";

const rounds = Number(process.argv[2] ?? 9);
const msPerRound = Number(process.argv[3] ?? 400);

const payment = () => ({
  id: "pay_01HZY3K8Q9W7RZ5M2B6N4T1V0X",
  amount: 123456789012345678n,
  currency: "USD",
  createdAt: new Date("2026-11-25T10:00:00.000Z"),
  metadata: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`field_${i}`, `value number ${i} of the payment`])),
});
const plain = () => ({
  id: "pay_01HZY3K8Q9W7RZ5M2B6N4T1V0X",
  amount: 12345,
  currency: "USD",
  createdAt: "2026-11-25T10:00:00.000Z",
  metadata: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`field_${i}`, `value number ${i} of the payment`])),
});

/** A replacer/reviver pair as an application would write it for BigInt and Date. */
const handWritten = {
  encode: (value) =>
    JSON.stringify(value, function (key, item) {
      if (typeof item === "bigint") return { $bigint: item.toString() };
      if (this[key] instanceof Date) return { $date: item };
      return item;
    }),
  decode: (text) =>
    JSON.parse(text, (_key, item) => {
      if (item !== null && typeof item === "object") {
        if (typeof item.$bigint === "string") return BigInt(item.$bigint);
        if (typeof item.$date === "string") return new Date(item.$date);
      }
      return item;
    }),
};

const plainJson = { encode: (value) => JSON.stringify(value), decode: (text) => JSON.parse(text) };
const superjsonItself = { encode: (value) => superjson.stringify(value), decode: (text) => superjson.parse(text) };

let sink = 0;
/** Round-trips `count` times; returns wall-clock round-trips/s and CPU ns per round-trip (all threads). */
function measure(codec, value, count) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const back = codec.decode(codec.encode(value));
    sink += back === undefined ? 0 : 1;
  }
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { perSecond: count / (wallMs / 1000), cpuNs: ((used.user + used.system) * 1000) / count };
}

/** How many round-trips take about msPerRound. */
function calibrate(codec, value) {
  let count = 100;
  for (;;) {
    const start = performance.now();
    measure(codec, value, count);
    const ms = performance.now() - start;
    if (ms > msPerRound / 4) return Math.max(100, Math.round((count * msPerRound) / ms));
    count *= 4;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Interleaves the candidates round by round, so that load from other jobs hits them alike. */
function compare(title, value, candidates) {
  const names = Object.keys(candidates);
  const counts = Object.fromEntries(names.map((name) => [name, calibrate(candidates[name], value)]));
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) samples[name].push(measure(candidates[name], value, counts[name]));
  }
  const result = Object.fromEntries(
    names.map((name) => [
      name,
      { perSecond: median(samples[name].map((s) => s.perSecond)), cpuNs: median(samples[name].map((s) => s.cpuNs)) },
    ]),
  );
  console.log(`\n${title}\n  (median of ${rounds} rounds of ~${msPerRound} ms; wall-clock round-trips/s, CPU time per round-trip)`);
  for (const name of names) {
    const { perSecond, cpuNs } = result[name];
    console.log(`  ${name.padEnd(30)} ${Math.round(perSecond).toString().padStart(8)}/s ${Math.round(cpuNs).toString().padStart(7)} ns CPU`);
  }
  return result;
}

/** Speed of `a` over `b`, by wall clock and by CPU time. */
const ratio = (a, b) => `${(a.perSecond / b.perSecond).toFixed(2)}x wall, ${(b.cpuNs / a.cpuNs).toFixed(2)}x CPU`;

const ours = { encode: superjsonCodec.encode, decode: superjsonCodec.decode };
const typed = compare("payment object: id, BigInt amount, currency, Date, 10 metadata strings", payment(), {
  "core superjsonCodec": ours,
  "superjson stringify/parse": superjsonItself,
  "hand-written replacer/reviver": handWritten,
});
console.log(`  core vs hand-written: ${ratio(typed["core superjsonCodec"], typed["hand-written replacer/reviver"])} (target >= 1.0x)`);
console.log(`  core vs superjson:    ${ratio(typed["core superjsonCodec"], typed["superjson stringify/parse"])} (target >= 1.8x)`);

const untyped = compare("plain object (same shape, no special types)", plain(), {
  "core superjsonCodec": ours,
  "core jsonCodec": { encode: jsonCodec.encode, decode: jsonCodec.decode },
  "JSON.stringify/parse": plainJson,
  "superjson stringify/parse": superjsonItself,
});
console.log(`  core superjsonCodec vs JSON: ${ratio(untyped["core superjsonCodec"], untyped["JSON.stringify/parse"])}`);

// One large payload: about 10 MB of payments, each with a BigInt amount and a Date.
const orders = Array.from({ length: 19_000 }, (_, i) => ({ ...payment(), id: `pay_${i}`, amount: BigInt(i) * 1000n }));
/** CPU milliseconds (all threads of the process) that `run` takes. */
const cpuMs = (run) => {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
for (const [name, codec] of Object.entries({
  "core superjsonCodec": ours,
  "superjson stringify/parse": superjsonItself,
  "hand-written replacer/reviver": handWritten,
})) {
  const encode = [];
  const decode = [];
  let text = "";
  for (let i = 0; i < 5; i++) {
    encode.push(cpuMs(() => (text = codec.encode(orders))));
    decode.push(cpuMs(() => codec.decode(text)));
  }
  console.log(
    `\n${(text.length / 1e6).toFixed(1)} MB array of ${orders.length} payments, ${name}: ` +
      `encode ${median(encode).toFixed(0)} ms + decode ${median(decode).toFixed(0)} ms CPU (median of 5)`,
  );
}
if (sink === -1) console.log(sink);
