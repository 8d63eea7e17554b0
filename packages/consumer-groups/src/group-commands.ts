import { isRedisError, type RedisConnection } from "@redis-interface/core";
import { validateEntryId } from "@redis-interface/streams";
import type { ConsumerGroupCreateOptions, ConsumerGroupInfo } from "./types.js";
import { assertName, assertOptionalBoolean, assertOptions, assertStream } from "./validate.js";

/** Redis's reply when an XGROUP subcommand other than CREATE … MKSTREAM meets a missing stream. */
const KEY_MUST_EXIST = "requires the key to exist";

function isReply(error: unknown, replyCode: string, messagePart?: string): boolean {
  return isRedisError(error, "COMMAND_FAILED") && error.replyCode === replyCode && (messagePart === undefined || error.message.includes(messagePart));
}

/**
 * Sends `XGROUP CREATE stream group id [MKSTREAM]`: creates `group` on `stream`, delivering
 * entries after `id` (`'$'`: only entries added from now on; `'0'`: the whole stream).
 * @param id `'$'`, `'0'`, `'ms'` or `'ms-seq'`. `'*'` and `'>'` are rejected before any I/O.
 * @param options `mkStream` (default true) creates a missing stream; `ifNotExists` turns an
 *   existing group into `false` instead of an error.
 * @returns true when the group was created; false when it existed and `ifNotExists` was set.
 * @throws RedisError `INVALID_ENTRY_ID` for `'*'`, `'>'` or a malformed id and `INVALID_ARGUMENT`
 *   for an empty stream or group name (both before any I/O); `COMMAND_FAILED` with
 *   `replyCode: 'BUSYGROUP'` when the group exists (without `ifNotExists`), or with
 *   `replyCode: 'ERR'` for a missing stream with `mkStream: false`; `WRONG_TYPE` when the key is
 *   not a stream.
 */
export async function consumerGroupCreate(connection: RedisConnection, stream: string, group: string, id: string, options: ConsumerGroupCreateOptions = {}): Promise<boolean> {
  const operation = "consumerGroupCreate";
  assertStream(stream, operation);
  assertName(group, operation, stream, "group");
  validateEntryId(id, "groupCreate", operation, stream);
  assertOptions(options, operation, stream);
  assertOptionalBoolean(options.ifNotExists, operation, stream, "ifNotExists");
  assertOptionalBoolean(options.mkStream, operation, stream, "mkStream");
  const args: string[] = ["CREATE", connection.keys.key(stream), group, id];
  if (options.mkStream !== false) args.push("MKSTREAM");
  try {
    await connection.execute(operation, stream, (client) => client.call("XGROUP", ...args));
    return true;
  } catch (error) {
    if (options.ifNotExists === true && isReply(error, "BUSYGROUP")) return false;
    throw error;
  }
}

/**
 * Sends `XGROUP DESTROY stream group`: removes the group, its consumers and its pending entries
 * list (the stream's entries stay).
 * @returns true when the group existed; false when it did not, or the stream is missing.
 * @throws RedisError `INVALID_ARGUMENT` for empty names; `WRONG_TYPE` when the key is not a stream.
 */
export async function consumerGroupDestroy(connection: RedisConnection, stream: string, group: string): Promise<boolean> {
  const operation = "consumerGroupDestroy";
  assertStream(stream, operation);
  assertName(group, operation, stream, "group");
  try {
    const reply = await connection.execute(operation, stream, (client) => client.call("XGROUP", "DESTROY", connection.keys.key(stream), group));
    return Number(reply) > 0;
  } catch (error) {
    if (isReply(error, "ERR", KEY_MUST_EXIST)) return false;
    throw error;
  }
}

/**
 * Sends `XGROUP DELCONSUMER stream group consumer`: removes the consumer from the group. Its
 * pending entries are dropped from the pending entries list (they will not be claimed by
 * anyone): claim them first if they still need processing.
 * @returns how many entries were pending for the consumer (0 when it did not exist).
 * @throws RedisError `INVALID_ARGUMENT` for empty names; `COMMAND_FAILED` with
 *   `replyCode: 'NOGROUP'` when the group is missing, `replyCode: 'ERR'` when the stream is;
 *   `WRONG_TYPE`.
 */
export async function consumerGroupDeleteConsumer(connection: RedisConnection, stream: string, group: string, consumer: string): Promise<number> {
  const operation = "consumerGroupDeleteConsumer";
  assertStream(stream, operation);
  assertName(group, operation, stream, "group");
  assertName(consumer, operation, stream, "consumer");
  const reply = await connection.execute(operation, stream, (client) => client.call("XGROUP", "DELCONSUMER", connection.keys.key(stream), group, consumer));
  return Number(reply);
}

/**
 * Sends `XGROUP SETID stream group id`: the group's last delivered id becomes `id`, so `'>'`
 * reads resume after it (`'0'` replays the whole stream, `'$'` skips to its end).
 * @param id `'$'`, `'0'`, `'ms'` or `'ms-seq'`.
 * @throws RedisError `INVALID_ENTRY_ID` before any I/O for another id; `INVALID_ARGUMENT` for
 *   empty names; `COMMAND_FAILED` with `replyCode: 'NOGROUP'` when the group is missing,
 *   `replyCode: 'ERR'` when the stream is; `WRONG_TYPE`.
 */
export async function consumerGroupSetLastId(connection: RedisConnection, stream: string, group: string, id: string): Promise<void> {
  const operation = "consumerGroupSetLastId";
  assertStream(stream, operation);
  assertName(group, operation, stream, "group");
  validateEntryId(id, "groupCreate", operation, stream);
  await connection.execute(operation, stream, (client) => client.call("XGROUP", "SETID", connection.keys.key(stream), group, id));
}

/**
 * Sends `XINFO GROUPS stream` and picks `group`.
 * @returns the group's consumers, pending count, last delivered id and (Redis 7+) entries read
 *   and lag; null when the group or the stream does not exist.
 * @throws RedisError `INVALID_ARGUMENT` for empty names; `WRONG_TYPE` when the key is not a stream.
 */
export async function consumerGroupInfo(connection: RedisConnection, stream: string, group: string): Promise<ConsumerGroupInfo | null> {
  const operation = "consumerGroupInfo";
  assertStream(stream, operation);
  assertName(group, operation, stream, "group");
  let reply: unknown;
  try {
    reply = await connection.execute(operation, stream, (client) => client.call("XINFO", "GROUPS", connection.keys.key(stream)));
  } catch (error) {
    if (isReply(error, "ERR", "no such key")) return null;
    throw error;
  }
  if (!Array.isArray(reply)) return null;
  for (const item of reply as unknown[]) {
    const fields = toFieldMap(item);
    if (asString(fields.get("name")) !== group) continue;
    return {
      name: group,
      consumers: asNumber(fields.get("consumers")) ?? 0,
      pending: asNumber(fields.get("pending")) ?? 0,
      lastDeliveredId: asString(fields.get("last-delivered-id")) ?? "0-0",
      entriesRead: asNumber(fields.get("entries-read")),
      lag: asNumber(fields.get("lag")),
    };
  }
  return null;
}

/**
 * Reads a map reply in any of the shapes ioredis gives it: a flat `[name, value, …]` array (RESP2,
 * or RESP3 with legacy mapping), `[[name, value], …]` pairs, a `Map`, or a plain object.
 */
export function toFieldMap(raw: unknown): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  if (raw instanceof Map) {
    for (const [name, value] of raw as Map<unknown, unknown>) fields.set(String(name), value);
  } else if (Array.isArray(raw)) {
    const items = raw as unknown[];
    if (items.every((item) => Array.isArray(item) && item.length === 2)) {
      for (const item of items as Array<[unknown, unknown]>) fields.set(String(item[0]), item[1]);
    } else {
      for (let index = 0; index + 1 < items.length; index += 2) fields.set(String(items[index]), items[index + 1]);
    }
  } else if (typeof raw === "object" && raw !== null) {
    for (const [name, value] of Object.entries(raw)) fields.set(name, value);
  }
  return fields;
}

/** A reply value as a string (strings and Buffers), else null. */
export function asString(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (Buffer.isBuffer(value)) return value.toString();
  if (typeof value === "number") return String(value);
  return null;
}

/** A reply value as a number (integers, numeric strings), else null (nil replies). */
export function asNumber(value: unknown): number | null {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  const text = asString(value);
  if (text === null || text.trim() === "") return null;
  const number = Number(text);
  return Number.isFinite(number) ? number : null;
}
