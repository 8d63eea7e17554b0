// `node scripts/trace-overhead.mjs [seconds-per-round] [rounds]` (after `pnpm build`): throughput of
// kv setKey/getKey (50 concurrent callers, one pool) with no subscriber on `redis-interface:command`
// with an empty subscriber (the library's own cost) and with a span-like one (an object per command
// in a WeakMap, attributes on asyncEnd), in alternating rounds on
// one redis-server. Prints ops/s per round, the median overhead and the client CPU per command
// (steadier than throughput on a shared machine). A measurement, not a test.
import { spawn } from "node:child_process";
import { tracingChannel } from "node:diagnostics_channel";
import { createServer } from "node:net";
import { performance } from "node:perf_hooks";

const root = new URL("..", import.meta.url);
const { RedisConnectionPool, COMMAND_TRACE_CHANNEL } = await import(new URL("packages/core/dist/esm/index.js", root).href);
const { kv } = await import(new URL("packages/kv/dist/esm/index.js", root).href);

const secondsPerRound = Number(process.argv[2] ?? 2);
const rounds = Number(process.argv[3] ?? 5);
const CALLERS = 50;

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, "127.0.0.1", () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const server = spawn("/usr/bin/redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });

let pool;
for (let attempt = 0; !pool; attempt++) {
  try {
    pool = await RedisConnectionPool.connect({ port, connectTimeoutMs: 1000 });
  } catch (error) {
    if (attempt > 100) throw error;
  }
}

const store = kv(pool.withKeyPrefix("overhead"));
const cpuPerOp = { without: [], empty: [], with: [] };
async function measure(bucket) {
  let ops = 0;
  const cpuBefore = process.cpuUsage();
  const endAt = performance.now() + secondsPerRound * 1000;
  await Promise.all(
    Array.from({ length: CALLERS }, async (_, caller) => {
      while (performance.now() < endAt) {
        await store.setKey(`k${caller}`, "value");
        await store.getKey(`k${caller}`);
        ops += 2;
      }
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  bucket?.push(((cpu.user + cpu.system) * 1000) / ops);
  return ops / secondsPerRound;
}

const channel = tracingChannel(COMMAND_TRACE_CHANNEL);
const spans = new WeakMap();
let finished = 0;
const subscriber = {
  start: (trace) => spans.set(trace, { name: trace.operation, startedAt: performance.now() }),
  end() {},
  asyncStart() {},
  error() {},
  asyncEnd: (trace) => {
    const span = spans.get(trace);
    if (span) {
      span.attributes = { commands: trace.commands.join(" "), keys: trace.keyCount, ms: trace.durationMs };
      finished++;
    }
  },
};

const empty = { start() {}, end() {}, asyncStart() {}, error() {}, asyncEnd() {} };

try {
  await measure(); // warm-up
  const without = [];
  const withEmpty = [];
  const withSubscriber = [];
  for (let round = 0; round < rounds; round++) {
    without.push(await measure(cpuPerOp.without));
    channel.subscribe(empty);
    withEmpty.push(await measure(cpuPerOp.empty));
    channel.unsubscribe(empty);
    channel.subscribe(subscriber);
    withSubscriber.push(await measure(cpuPerOp.with));
    channel.unsubscribe(subscriber);
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const show = (values) => values.map((value) => Math.round(value)).join(", ");
  console.log(`no subscriber   ops/s: ${show(without)} (median ${Math.round(median(without))})`);
  console.log(`empty subscriber ops/s: ${show(withEmpty)} (median ${Math.round(median(withEmpty))})`);
  console.log(`with subscriber ops/s: ${show(withSubscriber)} (median ${Math.round(median(withSubscriber))}); ${finished} commands traced`);
  const percent = (value, base) => `${((value / base - 1) * 100).toFixed(1)}%`;
  console.log(`throughput overhead (medians): empty subscriber ${percent(median(without), median(withEmpty))}, span-like subscriber ${percent(median(without), median(withSubscriber))}`);
  const cpuWithout = median(cpuPerOp.without);
  const cpuEmpty = median(cpuPerOp.empty);
  const cpuWith = median(cpuPerOp.with);
  console.log(
    `client CPU per command (medians): ${Math.round(cpuWithout)} ns without; empty subscriber +${Math.round(cpuEmpty - cpuWithout)} ns (${percent(cpuEmpty, cpuWithout)}); ` +
      `span-like subscriber +${Math.round(cpuWith - cpuWithout)} ns (${percent(cpuWith, cpuWithout)})`,
  );
} finally {
  await pool.close();
  server.kill();
}
