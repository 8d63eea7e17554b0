import { FIRST_KEY, NO_KEYS, luaScript, scriptCommand, type RedisCommand } from "@redis-interface/core";

/** `GET key`: the stored text, or null when the key is missing. Never retried under a view's fallback (no `miss`): the cache tracks only its own keys. */
export function GET(key: string): RedisCommand<string | null> {
  return { name: "GET", args: [key], keys: FIRST_KEY, transform: toTextOrNull };
}

/** `PTTL key`: milliseconds left, `-1` for no expiry, `-2` for a missing key. */
export function PTTL(key: string): RedisCommand<number> {
  return { name: "PTTL", args: [key], keys: FIRST_KEY, transform: toNumber };
}

/** `SET key text PX ttlMs`. */
export function SET_PX(key: string, text: string, ttlMs: number): RedisCommand<void> {
  return { name: "SET", args: [key, text, "PX", ttlMs], keys: FIRST_KEY, transform: toVoid };
}

/** `DEL key`. */
export function DEL(key: string): RedisCommand<void> {
  return { name: "DEL", args: [key], keys: FIRST_KEY, transform: toVoid };
}

/** `SET leaseKey token NX PX ttlMs`: true when this call took the lease. */
export function LEASE_ACQUIRE(leaseKey: string, token: string, ttlMs: number): RedisCommand<boolean> {
  return { name: "SET", args: [leaseKey, token, "NX", "PX", ttlMs], keys: FIRST_KEY, transform: isOk };
}

const RELEASE = luaScript(`if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`);

/** Deletes `leaseKey` only while it still holds `token` (an expired lease someone else took stays theirs). */
export function LEASE_RELEASE(leaseKey: string, token: string): RedisCommand<void> {
  return scriptCommand(RELEASE, [leaseKey], [token], toVoid);
}

/** `EXISTS leaseKey`: true while someone holds the lease. */
export function LEASE_HELD(leaseKey: string): RedisCommand<boolean> {
  return { name: "EXISTS", args: [leaseKey], keys: FIRST_KEY, transform: (reply) => Number(reply) > 0 };
}

/** `PUBLISH channel message` on a global (unprefixed) channel. */
export function PUBLISH(channel: string, message: string): RedisCommand<void> {
  return { name: "PUBLISH", args: [channel, message], keys: NO_KEYS, transform: toVoid };
}

function toTextOrNull(reply: unknown): string | null {
  if (reply === null || reply === undefined) return null;
  return Buffer.isBuffer(reply) ? reply.toString("utf8") : String(reply);
}

function toNumber(reply: unknown): number {
  return Number(reply);
}

function isOk(reply: unknown): boolean {
  return reply !== null && String(reply) === "OK";
}

function toVoid(): void {}
