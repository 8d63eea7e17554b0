import type { Timing } from "./types.js";

/** Full run: sized so that `pnpm bench` ends in under 5 minutes on 2 cores. */
export const FULL_TIMING: Timing = {
  quick: false,
  rounds: 3,
  warmMs: 300,
  durMs: 1_000,
  drainEntries: 30_000,
  microMs: 400,
  rbRequests: 100_000,
  memoryCommands: 100_000,
};

/** `BENCH_QUICK=1`: one short round, a smoke run of every scenario. */
export const QUICK_TIMING: Timing = {
  quick: true,
  rounds: 1,
  warmMs: 100,
  durMs: 250,
  drainEntries: 2_000,
  microMs: 100,
  rbRequests: 20_000,
  memoryCommands: 100_000,
};

/** The timing selected by the environment (`BENCH_QUICK=1`, `BENCH_ROUNDS=N`). */
export function timingFromEnv(env: NodeJS.ProcessEnv = process.env): Timing {
  const timing = { ...(env.BENCH_QUICK === "1" ? QUICK_TIMING : FULL_TIMING) };
  const rounds = Number(env.BENCH_ROUNDS);
  if (Number.isInteger(rounds) && rounds > 0) timing.rounds = rounds;
  return timing;
}
