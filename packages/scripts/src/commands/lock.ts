import { FIRST_KEY, luaScript, scriptCommand, type RedisCommand } from "@redis-interface/core";

/** KEYS[1] lock; ARGV[1] owner token. Deletes the lock only if the token still owns it. Returns 1 or 0. */
export const RELEASE_LOCK_SCRIPT = luaScript(`-- releaseLock-1
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`);

/** KEYS[1] lock; ARGV[1] owner token, ARGV[2] new TTL in ms. PEXPIRE only if the token still owns it. Returns 1 or 0. */
export const EXTEND_LOCK_SCRIPT = luaScript(`-- extendLock-1
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`);

const isOk = (reply: unknown): boolean => reply === "OK";
const isOne = (reply: unknown): boolean => reply === 1;

/** `SET key token PX ttlMs NX`: true when the lock was taken (`OK`), false when someone holds it (nil). */
export function SET_LOCK(key: string, token: string, ttlMs: number): RedisCommand<boolean> {
  return { name: "SET", args: [key, token, "PX", ttlMs, "NX"], keys: FIRST_KEY, transform: isOk };
}

/** The release script (GET = token ? DEL): true when this token's lock was deleted. */
export function RELEASE_LOCK(key: string, token: string): RedisCommand<boolean> {
  return scriptCommand(RELEASE_LOCK_SCRIPT, [key], [token], isOne);
}

/** The extend script (GET = token ? PEXPIRE ttlMs): true when the TTL was set. */
export function EXTEND_LOCK(key: string, token: string, ttlMs: number): RedisCommand<boolean> {
  return scriptCommand(EXTEND_LOCK_SCRIPT, [key], [token, ttlMs], isOne);
}
