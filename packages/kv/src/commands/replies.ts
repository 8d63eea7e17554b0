import type { DelReply, SetnxReply } from "../types.js";

/**
 * Reply transforms and miss tests shared by the builders: module-level functions, so a command
 * built on the hot path carries a reference instead of a new closure.
 */

/** A miss for a view's read fallback: a missing string, field or value. */
export function isNull(reply: unknown): boolean {
  return reply === null;
}

/** A miss for a count: 0 (EXISTS of a missing key). */
export function isZero(reply: unknown): boolean {
  return reply === 0;
}

/** The result of a command whose reply says nothing (`OK` of SET). */
export function toVoid(): void {}

/** An integer reply meaning yes/no (EXPIRE, PERSIST, SISMEMBER, EXISTS, MSETNX): true for 1. */
export function isOne(reply: unknown): boolean {
  return reply === 1;
}

/** An integer reply as a number (a script's integer arrives as a number already). */
export function toNumber(reply: unknown): number {
  return Number(reply);
}

/** Integer replies as numbers (a script's array of integers). */
export function toNumbers(reply: unknown): number[] {
  return (reply as unknown[]).map(Number);
}

/** `SET … NX`: `OK` when this call set the key, null when it existed. */
export function toSetnxReply(reply: unknown): SetnxReply {
  return reply === "OK" ? "KeySet" : "KeyNotSet";
}

/** A 1/0 reply of a set-if-missing script (HSETNX): 1 when the field was set. */
export function setFlagToSetnxReply(reply: unknown): SetnxReply {
  return reply === 1 ? "KeySet" : "KeyNotSet";
}

/** How many keys one `DEL key` removed, as a `DelReply`. */
export function toDelReply(reply: unknown): DelReply {
  return reply === 1 ? "KeyDeleted" : "KeyNotDeleted";
}
