import { RedisError, isRedisError, type RedisErrorCode } from "./errors.js";

const CONNECTION_MESSAGES = [
  "Connection is closed",
  "Stream isn't writeable",
  "None of startup nodes is available",
  "Failed to refresh slots cache",
  "Cluster isn't ready",
  "connect ECONNREFUSED",
  "read ECONNRESET",
  "write EPIPE",
  "getaddrinfo",
  "connect ETIMEDOUT",
];
const CONNECTION_ERROR_NAMES = new Set(["MaxRetriesPerRequestError", "ClusterAllFailedError"]);
const CROSS_SLOT_CLIENT_MESSAGE = "should belong to the same slot";

function replyCodeOf(message: string): string | undefined {
  const match = /^([A-Z][A-Z_]+)\b/.exec(message);
  return match?.[1];
}

function codeForReply(replyCode: string | undefined): RedisErrorCode {
  switch (replyCode) {
    case "WRONGTYPE":
      return "WRONG_TYPE";
    case "CROSSSLOT":
      return "CROSS_SLOT";
    default:
      return "COMMAND_FAILED";
  }
}

/**
 * Turns anything thrown by ioredis (or by our own code) into a `RedisError` that names the
 * operation and key. Server replies keep Redis's message and first word (`replyCode`):
 * WRONGTYPE → `WRONG_TYPE`, CROSSSLOT → `CROSS_SLOT`, other replies → `COMMAND_FAILED`.
 * Transport failures become `CONNECTION_FAILED`.
 */
export function toRedisError(error: unknown, operation: string, key?: string): RedisError {
  if (isRedisError(error)) return error;
  const err = error instanceof Error ? error : new Error(String(error));
  if (err.name === "ReplyError") {
    const replyCode = replyCodeOf(err.message);
    return new RedisError(codeForReply(replyCode), { operation, key, message: err.message, cause: err, replyCode });
  }
  if (err.message.includes(CROSS_SLOT_CLIENT_MESSAGE) || err.message.includes("same slots allocation group")) {
    return new RedisError("CROSS_SLOT", { operation, key, message: err.message, cause: err });
  }
  if (CONNECTION_ERROR_NAMES.has(err.name) || CONNECTION_MESSAGES.some((m) => err.message.includes(m))) {
    return new RedisError("CONNECTION_FAILED", { operation, key, message: err.message, cause: err });
  }
  if (err.message === "Command timed out") {
    return new RedisError("COMMAND_TIMEOUT", { operation, key, message: err.message, cause: err });
  }
  return new RedisError("COMMAND_FAILED", { operation, key, message: err.message, cause: err });
}
