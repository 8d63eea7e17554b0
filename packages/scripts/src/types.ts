/** One ARGV element of a script: sent as a Redis bulk string. */
export type ScriptArg = string | number | Buffer;

/**
 * How a script's reply is returned: `'raw'` (default) as Redis sent it (integers as numbers,
 * bulk strings as strings, arrays as arrays, nil as null); `'codec'` additionally decodes every
 * string (also inside arrays) with the connection's codec.
 */
export type ScriptDecode = "raw" | "codec";

/** Options of `evaluateRedisScript`. */
export interface EvaluateOptions {
  /** `'raw'` (default) or `'codec'`; see `ScriptDecode`. */
  decode?: ScriptDecode;
}

/** What `defineScript` needs. */
export interface ScriptDefinition {
  /** The Lua source. Its SHA1 is computed once; EVALSHA is sent, EVAL only on NOSCRIPT. */
  script: string;
  /** How many KEYS every call passes (checked before any I/O). */
  numberOfKeys: number;
  /** Operation name used in errors (default `defineScript`). */
  name?: string;
  /** `'raw'` (default) or `'codec'`; see `ScriptDecode`. */
  decode?: ScriptDecode;
}

/** A script made by `defineScript`: call it with exactly `numberOfKeys` keys. */
export type DefinedScript<T> = (keys: readonly string[], args?: readonly ScriptArg[]) => Promise<T>;

/** Options of `acquireLock`. */
export interface LockOptions {
  /** How long the lock lives unless released or extended, in milliseconds (positive integer). */
  ttlMs: number;
  /** How long to keep retrying while someone else holds it, in milliseconds (default 0: one try). */
  waitMs?: number;
  /** First delay between tries (default 50 ms); doubles per try, with jitter. */
  retryDelayMs?: number;
  /** Upper bound of one delay between tries (default 1000 ms). */
  maxRetryDelayMs?: number;
}

/** A lock this caller holds. */
export interface HeldLock {
  readonly acquired: true;
  /** The random owner token stored as the lock's value. */
  readonly token: string;
  /** Deletes the lock if this token still owns it. @returns false when it expired or someone else owns it. */
  release(): Promise<boolean>;
  /** Sets the lock's TTL to `ttlMs` if this token still owns it. @returns false when it is no longer owned. */
  extend(ttlMs: number): Promise<boolean>;
}

/** The result of `acquireLock`. */
export type LockResult = HeldLock | { readonly acquired: false };

/** Options of `rateLimit`. */
export interface RateLimitOptions {
  /** Calls admitted per window (positive integer). */
  limit: number;
  /** Window length in milliseconds (positive integer). */
  windowMs: number;
}

/** The result of `rateLimit`. */
export interface RateLimitResult {
  /** Whether this call was admitted (and counted). */
  allowed: boolean;
  /** Calls still admitted in the current window after this one. */
  remaining: number;
  /** 0 when allowed; otherwise milliseconds until the oldest counted call leaves the window. */
  retryAfterMs: number;
}

/** The result of `compareAndSet`. */
export type CompareAndSetResult = { ok: true; version: number } | { ok: false; version: number | null };

/** A value stored by `compareAndSet`. */
export interface Versioned<T> {
  version: number;
  value: T;
}
