import { NO_KEYS, type RedisCommand, type RedisConnection } from "@redis-interface/core";

/** The key types SCAN's TYPE option takes. */
export const SCAN_TYPES = ["string", "hash", "list", "set", "zset", "stream"] as const;

/** One SCAN page: the cursor to send next (`"0"` at the end) and the page's keys, without the view's prefix. */
export interface ScanPage {
  readonly cursor: string;
  readonly keys: string[];
}

/**
 * A SCAN reply `[cursor, [name, …]]` as a page, each name stripped of `through`'s prefix.
 * @throws Error for another shape (the send maps it to `COMMAND_FAILED` under the operation).
 */
export function scanPage(reply: unknown, through: RedisConnection): ScanPage {
  if (!Array.isArray(reply) || typeof reply[0] !== "string" || !Array.isArray(reply[1])) {
    throw new Error("unexpected SCAN reply");
  }
  const names = reply[1] as unknown[];
  const keys = new Array<string>(names.length);
  for (let index = 0; index < names.length; index++) keys[index] = through.keys.strip(String(names[index]));
  return { cursor: reply[0], keys };
}

/**
 * `SCAN cursor MATCH match [COUNT count] [TYPE type]`. No key arguments: `match` is a glob, so the
 * caller resolves it under the view (`connection.keys.pattern`); the names returned are stripped.
 */
export function SCAN(cursor: string, match: string, count?: number, type?: string): RedisCommand<ScanPage> {
  const args: Array<string | number> = [cursor, "MATCH", match];
  if (count !== undefined) args.push("COUNT", count);
  if (type !== undefined) args.push("TYPE", type);
  return { name: "SCAN", args, keys: NO_KEYS, transform: scanPage };
}
