import { FIRST_KEY, type RedisCommand } from "@redis-interface/core";
import type { DelReply, RedisValue, SetGetReply, SetnxReply } from "../types.js";
import { isNull, isOne, isZero, toDelReply, toSetnxReply, toVoid } from "./replies.js";

/** `GET key`: the value, or null (a miss a view's read fallback retries). */
export function GET(key: string): RedisCommand<string | null> {
  return { name: "GET", args: [key], keys: FIRST_KEY, miss: isNull };
}

/** `GET key` with the value's bytes, or null (a miss a view's read fallback retries). */
export function GET_BUFFER(key: string): RedisCommand<Buffer | null> {
  return { name: "GET", args: [key], keys: FIRST_KEY, buffers: true, miss: isNull };
}

/** `SET key value EX seconds`. */
export function SET_EX(key: string, value: RedisValue, seconds: number): RedisCommand<void> {
  return { name: "SET", args: [key, value, "EX", seconds], keys: FIRST_KEY, transform: toVoid };
}

/** `SET key value PX ms`. */
export function SET_PX(key: string, value: RedisValue, ms: number): RedisCommand<void> {
  return { name: "SET", args: [key, value, "PX", ms], keys: FIRST_KEY, transform: toVoid };
}

/** `SET key value`: no expiry; an existing TTL is removed in the same command. */
export function SET(key: string, value: RedisValue): RedisCommand<void> {
  return { name: "SET", args: [key, value], keys: FIRST_KEY, transform: toVoid };
}

/** `SET key value KEEPTTL`: an existing TTL stays, a new key gets none. */
export function SET_KEEPTTL(key: string, value: RedisValue): RedisCommand<void> {
  return { name: "SET", args: [key, value, "KEEPTTL"], keys: FIRST_KEY, transform: toVoid };
}

/** `SET key value EX seconds NX`: `'KeySet'` when this call set the key (`OK`), `'KeyNotSet'` when it existed (null). */
export function SET_NX_EX(key: string, value: RedisValue, seconds: number): RedisCommand<SetnxReply> {
  return { name: "SET", args: [key, value, "EX", seconds, "NX"], keys: FIRST_KEY, transform: toSetnxReply };
}

/**
 * `SET key value EX seconds NX GET` (Redis ≥ 7.0): null when this call set the key, else the value
 * already there (unchanged).
 * @returns `{ status: 'ValueSet', value }` with `value` as text, or `{ status: 'ValueExists', value }` with the stored one.
 */
export function SET_NX_GET_EX(key: string, value: RedisValue, seconds: number): RedisCommand<SetGetReply<string>> {
  return {
    name: "SET",
    args: [key, value, "EX", seconds, "NX", "GET"],
    keys: FIRST_KEY,
    transform: (reply) =>
      reply === null
        ? { status: "ValueSet", value: Buffer.isBuffer(value) ? value.toString("utf8") : String(value) }
        : { status: "ValueExists", value: reply as string },
  };
}

/** `EXISTS key`: true for 1 (0 is a miss a view's read fallback retries). */
export function EXISTS(key: string): RedisCommand<boolean> {
  return { name: "EXISTS", args: [key], keys: FIRST_KEY, transform: isOne, miss: isZero };
}

/** `DEL key`: `'KeyDeleted'` for 1, `'KeyNotDeleted'` for 0. */
export function DEL(key: string): RedisCommand<DelReply> {
  return { name: "DEL", args: [key], keys: FIRST_KEY, transform: toDelReply };
}

/** `UNLINK key` (memory freed in the background): `'KeyDeleted'` for 1, `'KeyNotDeleted'` for 0. */
export function UNLINK_KEY(key: string): RedisCommand<DelReply> {
  return { name: "UNLINK", args: [key], keys: FIRST_KEY, transform: toDelReply };
}
