import type {
  CompareAndSetResult,
  DefinedScript,
  EvaluateOptions,
  LockOptions,
  LockResult,
  RateLimitOptions,
  RateLimitResult,
  ScriptArg,
  ScriptDefinition,
  Versioned,
} from "./types.js";

/**
 * Lua scripts on a connection (a pool, a `withKeyPrefix` view or a tenant view). Every KEYS
 * element goes through the view's prefix. Every failure is a `RedisError`: `INVALID_ARGUMENT`
 * for bad input and `CROSS_SLOT` for keys in several cluster slots (both before any I/O),
 * `SCRIPT_FAILED` for a Lua error (with Redis's message and `replyCode`), `WRONG_TYPE`, and the
 * pool's `CONNECTION_FAILED`, `COMMAND_TIMEOUT`, `BACKPRESSURE`, `CLOSED`.
 */
export interface RedisScripts {
  /**
   * Plain EVAL (Hyperswitch's `evaluate_redis_script`), keys prefixed.
   * @returns integers as numbers, bulk strings as strings, arrays as arrays, nil as null
   *   (strings decoded with the codec when `decode: 'codec'`).
   */
  evaluateRedisScript<T = unknown>(script: string, keys: readonly string[], args?: readonly ScriptArg[], options?: EvaluateOptions): Promise<T>;
  /**
   * A reusable script sent with EVALSHA, falling back to EVAL on NOSCRIPT.
   * @throws RedisError `INVALID_ARGUMENT` at once for a bad definition; each call checks
   *   `keys.length === numberOfKeys` before any I/O.
   */
  defineScript<T = unknown>(definition: ScriptDefinition): DefinedScript<T>;

  /**
   * SET key token PX ttlMs NX with a random token, retried with backoff and jitter until
   * `waitMs`. @returns a held lock with atomic owner-checked `release()` / `extend()`, or `{ acquired: false }`.
   */
  acquireLock(key: string, options: LockOptions): Promise<LockResult>;
  /** Script: GET, compare with `token`, DEL. @returns true when this token's lock was deleted. */
  releaseLock(key: string, token: string): Promise<boolean>;
  /** Script: GET, compare with `token`, PEXPIRE ttlMs. @returns true when extended. */
  extendLock(key: string, token: string, ttlMs: number): Promise<boolean>;

  /**
   * Sliding-window limiter in one script on a sorted set, with the server's TIME.
   * @returns `{ allowed, remaining, retryAfterMs }`; `WRONG_TYPE` when the key is not a sorted set.
   */
  rateLimit(key: string, options: RateLimitOptions): Promise<RateLimitResult>;

  /**
   * Script: writes `{ version, value }` (a hash; value through the codec) when the stored version
   * equals `expectedVersion` (0: the key must be absent).
   * @returns `{ ok: true, version }` or `{ ok: false, version }` (null when absent).
   */
  compareAndSet(key: string, expectedVersion: number, value: unknown): Promise<CompareAndSetResult>;
  /** HMGET version value, decoded. @returns `{ version, value }` or null; `DESERIALIZATION_FAILED` when corrupt. */
  getVersioned<T = unknown>(key: string): Promise<Versioned<T> | null>;
}
