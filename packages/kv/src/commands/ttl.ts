import { FIRST_KEY, type RedisCommand } from "@redis-interface/core";
import { isOne } from "./replies.js";

/** `EXPIRE key seconds`: true when the key exists (1). */
export function EXPIRE(key: string, seconds: number): RedisCommand<boolean> {
  return { name: "EXPIRE", args: [key, seconds], keys: FIRST_KEY, transform: isOne };
}

/** `EXPIREAT key unixSeconds`: true when the key exists (1). */
export function EXPIREAT(key: string, unixSeconds: number): RedisCommand<boolean> {
  return { name: "EXPIREAT", args: [key, unixSeconds], keys: FIRST_KEY, transform: isOne };
}

/** `PEXPIRE key ms`: true when the key exists (1). */
export function PEXPIRE(key: string, ms: number): RedisCommand<boolean> {
  return { name: "PEXPIRE", args: [key, ms], keys: FIRST_KEY, transform: isOne };
}

/** `PEXPIREAT key unixMs`: true when the key exists (1). */
export function PEXPIREAT(key: string, unixMs: number): RedisCommand<boolean> {
  return { name: "PEXPIREAT", args: [key, unixMs], keys: FIRST_KEY, transform: isOne };
}

/** `TTL key`: seconds left, -1 without expiry, -2 when missing (Redis's integer as is). */
export function TTL(key: string): RedisCommand<number> {
  return { name: "TTL", args: [key], keys: FIRST_KEY };
}

/** `PTTL key`: milliseconds left, -1 without expiry, -2 when missing (Redis's integer as is). */
export function PTTL(key: string): RedisCommand<number> {
  return { name: "PTTL", args: [key], keys: FIRST_KEY };
}

/** `PERSIST key`: true when an expiry was removed (1). */
export function PERSIST(key: string): RedisCommand<boolean> {
  return { name: "PERSIST", args: [key], keys: FIRST_KEY, transform: isOne };
}
