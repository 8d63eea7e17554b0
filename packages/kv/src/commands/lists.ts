import { FIRST_KEY, type RedisCommand } from "@redis-interface/core";
import type { RedisValue } from "../types.js";

/** `RPUSH key element…`: the list's length after the push. */
export function RPUSH(key: string, elements: readonly RedisValue[]): RedisCommand<number> {
  return { name: "RPUSH", args: [key, ...elements], keys: FIRST_KEY };
}

/** `LRANGE key start stop`: the elements in the inclusive range (`[]` when missing). */
export function LRANGE(key: string, start: number, stop: number): RedisCommand<string[]> {
  return { name: "LRANGE", args: [key, start, stop], keys: FIRST_KEY };
}

/** `LLEN key`: the length (0 when missing). */
export function LLEN(key: string): RedisCommand<number> {
  return { name: "LLEN", args: [key], keys: FIRST_KEY };
}

/** LPOP without a count replies one element or null: as a list of zero or one. */
function oneElement(reply: unknown): string[] {
  return reply === null ? [] : [reply as string];
}

/** LPOP with a count replies an array, or null for a missing key: `[]` then. */
function elements(reply: unknown): string[] {
  return reply === null ? [] : (reply as string[]);
}

/** `LPOP key`, or `LPOP key count` with `count`: the popped elements, head first (`[]` when missing). */
export function LPOP(key: string, count?: number): RedisCommand<string[]> {
  return count === undefined
    ? { name: "LPOP", args: [key], keys: FIRST_KEY, transform: oneElement }
    : { name: "LPOP", args: [key, count], keys: FIRST_KEY, transform: elements };
}
