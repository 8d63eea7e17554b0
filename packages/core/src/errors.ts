import { sanitizeCause } from "./sanitize-cause.js";

/** Every failure code a `RedisError` can carry. */
export const REDIS_ERROR_CODES = [
  "INVALID_CONFIGURATION",
  "INVALID_ARGUMENT",
  "CONNECTION_FAILED",
  "COMMAND_TIMEOUT",
  "UNCERTAIN",
  "BACKPRESSURE",
  "CLOSED",
  "ABORTED",
  "NOT_FOUND",
  "SERIALIZATION_FAILED",
  "DESERIALIZATION_FAILED",
  "WRONG_TYPE",
  "CROSS_SLOT",
  "INVALID_ENTRY_ID",
  "SCRIPT_FAILED",
  "INVALID_TENANT",
  "COMMAND_FAILED",
  "IDEMPOTENCY_MISMATCH",
  "IDEMPOTENCY_IN_PROGRESS",
  "IDEMPOTENCY_LEASE_LOST",
  "NOT_DURABLE",
] as const;

/** A `RedisError` code: what went wrong, independent of the command. */
export type RedisErrorCode = (typeof REDIS_ERROR_CODES)[number];

/** What a `RedisError` is built from. */
export interface RedisErrorDetails {
  /** The function that failed, e.g. `setKey` or `connect`. */
  operation: string;
  /** The key (as the caller wrote it) the call was about. Never a value or a password. */
  key?: string;
  /** Human-readable description; the operation and key are added by the constructor. */
  message: string;
  /**
   * The underlying error (an ioredis error, a codec error, ...). Stored as a sanitised copy:
   * name, message, stack and (sanitised) cause only, never ioredis's `command` with its args.
   */
  cause?: unknown;
  /** The first word of a Redis error reply (`WRONGTYPE`, `NOGROUP`, `BUSY`, ...), when there was one. */
  replyCode?: string;
  /** How long to wait before trying again (`IDEMPOTENCY_IN_PROGRESS`: the running call's remaining lease). */
  retryAfterMs?: number;
}

/**
 * The one error class of every `@redis-interface/*` package.
 * Check it with `isRedisError(error, code)` rather than `instanceof`: two copies of core in
 * one process (dual ESM/CJS, duplicated installs) each have their own class.
 */
export class RedisError extends Error {
  override readonly name = "RedisError";
  readonly code: RedisErrorCode;
  readonly operation: string;
  readonly key: string | undefined;
  readonly replyCode: string | undefined;
  /** Milliseconds to wait before trying again, when the code has one (`IDEMPOTENCY_IN_PROGRESS`). */
  readonly retryAfterMs: number | undefined;

  constructor(code: RedisErrorCode, details: RedisErrorDetails) {
    const where = details.key === undefined ? details.operation : `${details.operation} (key "${details.key}")`;
    const cause = sanitizeCause(details.cause);
    super(`${where}: ${details.message}`, cause === undefined ? undefined : { cause });
    this.code = code;
    this.operation = details.operation;
    this.key = details.key;
    this.replyCode = details.replyCode;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** A JSON form without the cause, so logging an error never serialises a nested value. */
  toJSON(): { name: string; code: RedisErrorCode; operation: string; key?: string; replyCode?: string; retryAfterMs?: number; message: string } {
    return {
      name: this.name,
      code: this.code,
      operation: this.operation,
      ...(this.key === undefined ? {} : { key: this.key }),
      ...(this.replyCode === undefined ? {} : { replyCode: this.replyCode }),
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
      message: this.message,
    };
  }
}

/**
 * Tells whether `error` is a `RedisError` (by name and code, so it works across copies of
 * this package), optionally with the given code.
 */
export function isRedisError(error: unknown, code?: RedisErrorCode): error is RedisError {
  if (typeof error !== "object" || error === null) return false;
  const candidate = error as { name?: unknown; code?: unknown };
  if (candidate.name !== "RedisError" || typeof candidate.code !== "string") return false;
  return code === undefined || candidate.code === code;
}
