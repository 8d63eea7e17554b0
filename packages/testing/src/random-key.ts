import { randomBytes } from "node:crypto";

let counter = 0;

/**
 * Builds a key that is unique per call (and practically across processes), for test isolation.
 * @param prefix first key segment (default `"test"`).
 * @returns `${prefix}:${hex}` where `hex` is 16 random hex digits followed by a per-process counter.
 * @throws never.
 */
export function randomKey(prefix = "test"): string {
  counter = (counter + 1) % 0x1_0000_0000;
  return `${prefix}:${randomBytes(8).toString("hex")}${counter.toString(16).padStart(8, "0")}`;
}

/**
 * A random lowercase hex id (no counter), for prefixes and tenant ids that must differ across
 * the processes of one test run.
 * @param length number of hex digits (default 12, at most 64).
 */
export function randomId(length = 12): string {
  return randomBytes(Math.ceil(length / 2)).toString("hex").slice(0, length);
}
