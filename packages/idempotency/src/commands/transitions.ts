import { luaScript, scriptCommand, type RedisCommand } from "@redis-interface/core";

/**
 * The two keys of one idempotency key, in one cluster slot (same hash tag):
 * - `{idem:<key>}:record`, a hash living `retentionSeconds`: `fence` (the fencing-token counter,
 *   which outlives every lease) and, once completed, `fp`, `value` (codec text) and `token`;
 * - `{idem:<key>}:lease`, a hash living `leaseMs`: `token` and `fp` of the running call.
 */
export function recordKey(key: string): string {
  return `{idem:${key}}:record`;
}

/** See `recordKey`. */
export function leaseKey(key: string): string {
  return `{idem:${key}}:lease`;
}

/**
 * KEYS record, lease; ARGV fingerprint, leaseMs, retentionMs.
 * Stored result: `{'STORED', value, token}` or `{'MISMATCH'}`. Live lease: `{'BUSY', pttl}` or
 * `{'MISMATCH'}`. Otherwise takes the lease with the next fencing token: `{'ACQUIRED', token}`.
 */
export const ACQUIRE_SCRIPT = luaScript(`-- idempotency-acquire-1
local stored = redis.call('HMGET', KEYS[1], 'fp', 'value', 'token')
if stored[1] then
  if stored[1] ~= ARGV[1] then return {'MISMATCH'} end
  return {'STORED', stored[2], tonumber(stored[3])}
end
local holder = redis.call('HGET', KEYS[2], 'fp')
if holder then
  if holder ~= ARGV[1] then return {'MISMATCH'} end
  return {'BUSY', redis.call('PTTL', KEYS[2])}
end
local token = redis.call('HINCRBY', KEYS[1], 'fence', 1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('HSET', KEYS[2], 'token', token, 'fp', ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return {'ACQUIRED', token}`);

/** KEYS lease, record; ARGV token, leaseMs, retentionMs. Extends both only while `token` holds the lease: 1, else 0. */
export const RENEW_SCRIPT = luaScript(`-- idempotency-renew-1
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1`);

/**
 * KEYS record, lease; ARGV token, fingerprint, value, retentionMs. Only while `token` holds the
 * lease: stores the result, sets the record's TTL and deletes the lease in one step: 1, else 0.
 */
export const COMPLETE_SCRIPT = luaScript(`-- idempotency-complete-1
if redis.call('HGET', KEYS[2], 'token') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'fp', ARGV[2], 'value', ARGV[3], 'token', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('DEL', KEYS[2])
return 1`);

/** KEYS lease; ARGV token. Deletes the lease only while `token` holds it: 1, else 0. */
export const RELEASE_SCRIPT = luaScript(`-- idempotency-release-1
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])`);

/** What ACQUIRE found. `value` is the stored codec text (decoded by the caller). */
export type AcquireReply =
  | { readonly state: "acquired"; readonly token: number }
  | { readonly state: "stored"; readonly value: string; readonly token: number }
  | { readonly state: "busy"; readonly pttlMs: number }
  | { readonly state: "mismatch" };

/** ACQUIRE's reply (`[state, …]`) as an `AcquireReply`. @throws Error on a shape the script never returns. */
export function acquireReply(reply: unknown): AcquireReply {
  if (Array.isArray(reply)) {
    const [state, first, second] = reply as unknown[];
    if (state === "ACQUIRED" && typeof first === "number") return { state: "acquired", token: first };
    if (state === "STORED" && typeof first === "string" && typeof second === "number") return { state: "stored", value: first, token: second };
    if (state === "BUSY" && typeof first === "number") return { state: "busy", pttlMs: first };
    if (state === "MISMATCH") return { state: "mismatch" };
  }
  throw new Error("unexpected reply from the idempotency acquire script");
}

const isOne = (reply: unknown): boolean => reply === 1;

/** The acquire script for `key`: replay, mismatch, busy, or a new lease of `leaseMs`. */
export function ACQUIRE(key: string, fingerprint: string, leaseMs: number, retentionMs: number): RedisCommand<AcquireReply> {
  return scriptCommand(ACQUIRE_SCRIPT, [recordKey(key), leaseKey(key)], [fingerprint, leaseMs, retentionMs], acquireReply);
}

/** The renew script: true while `token` still holds the lease (now extended to `leaseMs`). */
export function RENEW(key: string, token: number, leaseMs: number, retentionMs: number): RedisCommand<boolean> {
  return scriptCommand(RENEW_SCRIPT, [leaseKey(key), recordKey(key)], [token, leaseMs, retentionMs], isOne);
}

/** The complete script: true when the value was stored and the lease released; false when `token` no longer holds it. */
export function COMPLETE(key: string, token: number, fingerprint: string, value: string, retentionMs: number): RedisCommand<boolean> {
  return scriptCommand(COMPLETE_SCRIPT, [recordKey(key), leaseKey(key)], [token, fingerprint, value, retentionMs], isOne);
}

/** The release script: true when this token's lease was deleted. */
export function RELEASE(key: string, token: number): RedisCommand<boolean> {
  return scriptCommand(RELEASE_SCRIPT, [leaseKey(key)], [token], isOne);
}
