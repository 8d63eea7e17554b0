// Codec round-trip comparison (not part of turbo; run after `pnpm --filter @redis-interface/core build`):
//   node packages/core/bench/codec-compare.mjs [rounds] [msPerRound]
// Each round runs every candidate for about msPerRound, interleaved so machine load hits them alike;
// the figure per candidate is the median over the rounds.
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
function roundTripsPerSecond(codec, value) {
  const deadline = performance.now() + msPerRound;
  let count = 0;
  let now;
  do {
    for (let i = 0; i < 200; i++) {
      const back = codec.decode(codec.encode(value));
      sink += back === undefined ? 0 : 1;
    }
    count += 200;
    now = performance.now();
  } while (now < deadline);
  return count / ((now - deadline + msPerRound) / 1000);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function compare(title, value, candidates) {
  const samples = Object.fromEntries(Object.keys(candidates).map((name) => [name, []]));
  for (const [name, codec] of Object.entries(candidates)) roundTripsPerSecond(codec, value); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (const [name, codec] of Object.entries(candidates)) samples[name].push(roundTripsPerSecond(codec, value));
  }
  const result = Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, median(xs)]));
  console.log(`\n${title} (median of ${rounds} rounds of ${msPerRound} ms, round-trips/s)`);
  for (const [name, opsPerSecond] of Object.entries(result)) {
    const spread = `${Math.round(Math.min(...samples[name]))}–${Math.round(Math.max(...samples[name]))}`;
    console.log(`  ${name.padEnd(28)} ${Math.round(opsPerSecond).toString().padStart(9)}   (range ${spread})`);
  }
  return result;
}

const ours = { encode: superjsonCodec.encode, decode: superjsonCodec.decode };
const typed = compare("payment object: id, BigInt amount, currency, Date, 10 metadata strings", payment(), {
  "core superjsonCodec": ours,
  "superjson stringify/parse": superjsonItself,
  "hand-written replacer/reviver": handWritten,
});
console.log(`  core / hand-written = ${(typed["core superjsonCodec"] / typed["hand-written replacer/reviver"]).toFixed(2)}x (target >= 1.0x)`);
console.log(`  core / superjson    = ${(typed["core superjsonCodec"] / typed["superjson stringify/parse"]).toFixed(2)}x (target >= 1.8x)`);

const untyped = compare("plain object (same shape, no special types)", plain(), {
  "core superjsonCodec": ours,
  "core jsonCodec": { encode: jsonCodec.encode, decode: jsonCodec.decode },
  "JSON.stringify/parse": plainJson,
  "superjson stringify/parse": superjsonItself,
});
console.log(`  core superjsonCodec / JSON = ${(untyped["core superjsonCodec"] / untyped["JSON.stringify/parse"]).toFixed(2)}x`);

// One large payload: 10 MB of orders, each with a BigInt amount and a Date.
const orders = Array.from({ length: 60_000 }, (_, i) => ({ ...payment(), id: `pay_${i}`, amount: BigInt(i) * 1000n }));
const time = (run) => {
  const start = performance.now();
  run();
  return performance.now() - start;
};
const big = {};
for (const [name, codec] of Object.entries({ "core superjsonCodec": ours, "superjson stringify/parse": superjsonItself })) {
  const samples = [];
  let bytes = 0;
  for (let i = 0; i < 3; i++) {
    samples.push(
      time(() => {
        const text = codec.encode(orders);
        bytes = text.length;
        codec.decode(text);
      }),
    );
  }
  big[name] = median(samples);
  console.log(`\n${(bytes / 1e6).toFixed(1)} MB array of 60000 payments, ${name}: round-trip ${big[name].toFixed(0)} ms (median of 3)`);
}
if (sink === -1) console.log(sink);
