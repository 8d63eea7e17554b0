import { isRedisError, type RedisCommand, type RedisConnection } from "@redis-interface/core";
import { assertName, assertOptionalBoolean, optionsObject } from "@redis-interface/core/internal";
import { validateEntryId } from "@redis-interface/streams";
import { XGROUP_CREATE, XGROUP_DELCONSUMER, XGROUP_DESTROY, XGROUP_SETID, XINFO_GROUPS } from "./commands/groups.js";
import { assertGroup } from "./names.js";
import type { ConsumerGroupCreateOptions, ConsumerGroupInfo } from "./types.js";

const CREATE_OPTIONS: ReadonlyArray<keyof ConsumerGroupCreateOptions> = ["ifNotExists", "mkStream"];

/** Redis's reply when an XGROUP subcommand other than CREATE … MKSTREAM meets a missing stream. */
const KEY_MUST_EXIST = "requires the key to exist";

/** A reply of Redis that means "nothing to do" for the caller, and what to resolve instead. */
interface ExpectedReply<F> {
  replyCode: string;
  messagePart?: string;
  result: F;
}

/**
 * Sends `command`; a `COMMAND_FAILED` reply matching `expected` resolves `expected.result`
 * instead (an existing group, a missing stream), any other error rejects.
 */
async function sendExpecting<R, F>(connection: RedisConnection, operation: string, command: RedisCommand<R>, expected: ExpectedReply<F> | undefined): Promise<R | F> {
  try {
    return await connection.send(operation, command);
  } catch (error) {
    if (expected === undefined || !isRedisError(error, "COMMAND_FAILED") || error.replyCode !== expected.replyCode) throw error;
    if (expected.messagePart !== undefined && !error.message.includes(expected.messagePart)) throw error;
    return expected.result;
  }
}

/**
 * Sends `XGROUP CREATE stream group id [MKSTREAM]`: creates `group` on `stream`, delivering
 * entries after `id` (`'$'`: only entries added from now on; `'0'`: the whole stream).
 * @param id `'$'`, `'0'`, `'ms'` or `'ms-seq'`. `'*'` and `'>'` are rejected before any I/O.
 * @param options `mkStream` (default true) creates a missing stream; `ifNotExists` turns an
 *   existing group into `false` instead of an error.
 * @returns true when the group was created; false when it existed and `ifNotExists` was set.
 * @throws RedisError `INVALID_ENTRY_ID` for `'*'`, `'>'` or a malformed id and `INVALID_ARGUMENT`
 *   for an empty stream or group name or a bad or unknown option (before any I/O);
 *   `COMMAND_FAILED` with `replyCode: 'BUSYGROUP'` when the group exists (without `ifNotExists`),
 *   or with `replyCode: 'ERR'` for a missing stream with `mkStream: false`; `WRONG_TYPE` when the
 *   key is not a stream.
 */
export const consumerGroupCreate =
  (connection: RedisConnection) =>
  async (stream: string, group: string, id: string, options?: ConsumerGroupCreateOptions): Promise<boolean> => {
    const operation = "consumerGroupCreate";
    assertGroup(stream, group, operation);
    validateEntryId(id, "groupCreate", operation, stream);
    const { ifNotExists, mkStream } = optionsObject(options, CREATE_OPTIONS, operation, stream);
    assertOptionalBoolean(ifNotExists, operation, stream, "ifNotExists");
    assertOptionalBoolean(mkStream, operation, stream, "mkStream");
    const existing = ifNotExists === true ? { replyCode: "BUSYGROUP", result: false } : undefined;
    return sendExpecting(connection, operation, XGROUP_CREATE(stream, group, id, mkStream !== false), existing);
  };

/**
 * Sends `XGROUP DESTROY stream group`: removes the group, its consumers and its pending entries
 * list (the stream's entries stay).
 * @returns true when the group existed; false when it did not, or the stream is missing.
 * @throws RedisError `INVALID_ARGUMENT` for empty names; `WRONG_TYPE` when the key is not a stream.
 */
export const consumerGroupDestroy =
  (connection: RedisConnection) =>
  async (stream: string, group: string): Promise<boolean> => {
    const operation = "consumerGroupDestroy";
    assertGroup(stream, group, operation);
    return sendExpecting(connection, operation, XGROUP_DESTROY(stream, group), { replyCode: "ERR", messagePart: KEY_MUST_EXIST, result: false });
  };

/**
 * Sends `XGROUP DELCONSUMER stream group consumer`: removes the consumer from the group. Its
 * pending entries are dropped from the pending entries list (they will not be claimed by
 * anyone): claim them first if they still need processing.
 * @returns how many entries were pending for the consumer (0 when it did not exist).
 * @throws RedisError `INVALID_ARGUMENT` for empty names; `COMMAND_FAILED` with
 *   `replyCode: 'NOGROUP'` when the group is missing, `replyCode: 'ERR'` when the stream is;
 *   `WRONG_TYPE`.
 */
export const consumerGroupDeleteConsumer =
  (connection: RedisConnection) =>
  async (stream: string, group: string, consumer: string): Promise<number> => {
    const operation = "consumerGroupDeleteConsumer";
    assertGroup(stream, group, operation);
    assertName(consumer, operation, stream, "consumer");
    return connection.send(operation, XGROUP_DELCONSUMER(stream, group, consumer));
  };

/**
 * Sends `XGROUP SETID stream group id`: the group's last delivered id becomes `id`, so `'>'`
 * reads resume after it (`'0'` replays the whole stream, `'$'` skips to its end).
 * @param id `'$'`, `'0'`, `'ms'` or `'ms-seq'`.
 * @throws RedisError `INVALID_ENTRY_ID` before any I/O for another id; `INVALID_ARGUMENT` for
 *   empty names; `COMMAND_FAILED` with `replyCode: 'NOGROUP'` when the group is missing,
 *   `replyCode: 'ERR'` when the stream is; `WRONG_TYPE`.
 */
export const consumerGroupSetLastId =
  (connection: RedisConnection) =>
  async (stream: string, group: string, id: string): Promise<void> => {
    const operation = "consumerGroupSetLastId";
    assertGroup(stream, group, operation);
    validateEntryId(id, "groupCreate", operation, stream);
    return connection.send(operation, XGROUP_SETID(stream, group, id));
  };

/**
 * Sends `XINFO GROUPS stream` and picks `group`.
 * @returns the group's consumers, pending count, last delivered id and (Redis 7+) entries read
 *   and lag; null when the group or the stream does not exist.
 * @throws RedisError `INVALID_ARGUMENT` for empty names; `WRONG_TYPE` when the key is not a stream.
 */
export const consumerGroupInfo =
  (connection: RedisConnection) =>
  async (stream: string, group: string): Promise<ConsumerGroupInfo | null> => {
    const operation = "consumerGroupInfo";
    assertGroup(stream, group, operation);
    return sendExpecting(connection, operation, XINFO_GROUPS(stream, group), { replyCode: "ERR", messagePart: "no such key", result: null });
  };
