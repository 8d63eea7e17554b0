import { FIRST_KEY, type RedisCommand } from "@redis-interface/core";
import type { RedisValue } from "../types.js";
import { isOne } from "./replies.js";

/** `SADD key member…`: how many members were new. */
export function SADD(key: string, members: readonly RedisValue[]): RedisCommand<number> {
  return { name: "SADD", args: [key, ...members], keys: FIRST_KEY };
}

/** `SMEMBERS key`: every member as a string (`[]` when missing). */
export function SMEMBERS(key: string): RedisCommand<string[]> {
  return { name: "SMEMBERS", args: [key], keys: FIRST_KEY };
}

/** `SISMEMBER key member`: true for 1. */
export function SISMEMBER(key: string, member: RedisValue): RedisCommand<boolean> {
  return { name: "SISMEMBER", args: [key, member], keys: FIRST_KEY, transform: isOne };
}

/** `SREM key member…`: how many members were removed. */
export function SREM(key: string, members: readonly RedisValue[]): RedisCommand<number> {
  return { name: "SREM", args: [key, ...members], keys: FIRST_KEY };
}

/** `SCARD key`: the number of members (0 when missing). */
export function SCARD(key: string): RedisCommand<number> {
  return { name: "SCARD", args: [key], keys: FIRST_KEY };
}
