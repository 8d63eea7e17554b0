import type {
  DelReply,
  HscanDeserializeResult,
  MsetnxReply,
  RedisValue,
  ScanOptions,
  ScoredMember,
  SetGetReply,
  SetnxReply,
} from "./types.js";

/**
 * Every key-value function of Hyperswitch's `redis_interface` (camelCased), plus what users
 * expect beyond it. Keys are the caller's names; the connection's prefix is applied inside.
 * Every failure is a `RedisError`: `INVALID_ARGUMENT` for bad input (before any I/O),
 * `WRONG_TYPE` for a key of another type, and the pool's `CONNECTION_FAILED`,
 * `COMMAND_TIMEOUT`, `BACKPRESSURE`, `CLOSED`.
 */
export interface KeyValueStore {
  /** The name Redis stores for `key` (Hyperswitch's `add_prefix`). No I/O. */
  addPrefix(key: string): string;

  // strings
  /** SET key value EX defaultTtl. */
  setKey(key: string, value: RedisValue): Promise<void>;
  /** SET key value KEEPTTL (a new key gets no TTL). */
  setKeyWithoutModifyingTtl(key: string, value: RedisValue): Promise<void>;
  /** SET key value EX seconds. */
  setKeyWithExpiry(key: string, value: RedisValue, seconds: number): Promise<void>;
  /** SET key value NX EX (seconds ?? defaultTtl): the lock primitive. */
  setKeyIfNotExistsWithExpiry(key: string, value: RedisValue, seconds?: number): Promise<SetnxReply>;
  /** Atomic SET key value NX GET EX ttl: the value set, or the one already there. */
  setKeyIfNotExistsAndGetValue(key: string, value: RedisValue, ttl?: number): Promise<SetGetReply<string>>;
  /** `setKeyIfNotExistsAndGetValue` per pair, in parallel: atomic per key, not across keys. */
  setMultipleKeysIfNotExistsAndGetValues(pairs: ReadonlyArray<readonly [string, RedisValue]>, ttl?: number): Promise<Array<SetGetReply<string>>>;
  /** MSETNX (prefixed keys, no TTL): all-or-nothing, within one cluster slot only. */
  setMultipleKeysIfNotExist(values: Readonly<Record<string, RedisValue>>): Promise<MsetnxReply>;
  /** GET: the value, or null when missing. */
  getKey(key: string): Promise<string | null>;
  /** GET as bytes (exact round-trip of binary values), or null. */
  getKeyBuffer(key: string): Promise<Buffer | null>;
  /** MGET (one per cluster slot): values in the caller's order, null where missing. */
  getMultipleKeys(keys: readonly string[]): Promise<Array<string | null>>;
  /** EXISTS. */
  exists(key: string): Promise<boolean>;
  /** DEL. */
  deleteKey(key: string): Promise<DelReply>;
  /** DEL of each key (one script call per cluster slot): a reply per key, in order. */
  deleteMultipleKeys(keys: readonly string[]): Promise<DelReply[]>;

  // typed values (through the connection's codec)
  /** Encode, then SET EX defaultTtl. */
  serializeAndSetKey(key: string, value: unknown): Promise<void>;
  /** Encode, then SET EX seconds. */
  serializeAndSetKeyWithExpiry(key: string, value: unknown, seconds: number): Promise<void>;
  /** Encode, then SET KEEPTTL. */
  serializeAndSetKeyWithoutModifyingTtl(key: string, value: unknown): Promise<void>;
  /** Encode, then SET NX EX (ttl ?? defaultTtl). */
  serializeAndSetKeyIfNotExist(key: string, value: unknown, ttl?: number): Promise<SetnxReply>;
  /** GET and decode; `NOT_FOUND` when missing, `DESERIALIZATION_FAILED` when corrupt. */
  getAndDeserializeKey<T>(key: string, typeName: string): Promise<T>;
  /** MGET and decode: null where missing; `DESERIALIZATION_FAILED` naming the first corrupt key. */
  getAndDeserializeMultipleKeys<T>(keys: readonly string[], typeName: string): Promise<Array<T | null>>;

  // TTL
  /** EXPIRE: true when the key exists. */
  setExpiry(key: string, seconds: number): Promise<boolean>;
  /** EXPIREAT: true when the key exists. */
  setExpireAt(key: string, unixSeconds: number): Promise<boolean>;
  /** TTL: seconds left, -1 without expiry, -2 when missing. */
  getTtl(key: string): Promise<number>;
  /** PERSIST: true when an expiry was removed. */
  persist(key: string): Promise<boolean>;

  // counters
  /** Atomic INCRBY; with `ttl`, a new counter expires after it (the window is not extended by later increments). */
  incrementKey(key: string, by?: number, ttl?: number): Promise<number>;
  /** Atomic DECRBY, same TTL rule as `incrementKey`. */
  decrementKey(key: string, by?: number, ttl?: number): Promise<number>;

  // hashes
  /** HSET and EXPIRE (ttl ?? defaultHashTtl) in one MULTI: the number of new fields. */
  setHashFields(key: string, values: Readonly<Record<string, RedisValue>> | ReadonlyArray<readonly [string, RedisValue]>, ttl?: number): Promise<number>;
  /** HSETNX, and EXPIRE only when the field was set, in one script. */
  setHashFieldIfNotExist(key: string, field: string, value: RedisValue, ttl?: number): Promise<SetnxReply>;
  /** Encode, then `setHashFieldIfNotExist`. */
  serializeAndSetHashFieldIfNotExist(key: string, field: string, value: unknown, ttl?: number): Promise<SetnxReply>;
  /** `serializeAndSetHashFieldIfNotExist` of the same field on each key, in parallel: a reply per key. */
  serializeAndSetMultipleHashFieldIfNotExist(pairs: ReadonlyArray<readonly [string, unknown]>, field: string, ttl?: number): Promise<SetnxReply[]>;
  /** HGET: the value or null. */
  getHashField(key: string, field: string): Promise<string | null>;
  /** HGETALL: every field ({} when missing). */
  getHashFields(key: string): Promise<Record<string, string>>;
  /** HGET and decode; `NOT_FOUND` when missing, `DESERIALIZATION_FAILED` when corrupt. */
  getHashFieldAndDeserialize<T>(key: string, field: string, typeName: string): Promise<T>;
  /** HINCRBY per field in one MULTI: the values after incrementing, in order. */
  incrementFieldsInHash(key: string, increments: ReadonlyArray<readonly [string, number]>): Promise<number[]>;
  /** HDEL: how many fields were removed. */
  hdel(key: string, fields: readonly string[]): Promise<number>;
  /** HSCAN over every page: the values of fields matching `pattern`. */
  hscan(key: string, pattern: string, count?: number): Promise<string[]>;
  /** HSCAN page by page, as an async iterator of `[field, value]`. */
  hscanIterator(key: string, pattern: string, count?: number): AsyncIterable<[field: string, value: string]>;
  /** HSCAN over every page and decode: values that decoded, and the fields that did not. */
  hscanAndDeserialize<T>(key: string, pattern: string, typeName: string, count?: number): Promise<HscanDeserializeResult<T>>;

  // keyspace
  /** SCAN over every page (every master on a cluster): keys matching `pattern`, without the view's prefix. */
  scan(pattern: string, options?: ScanOptions): Promise<string[]>;
  /** SCAN as an async iterator of keys (without the view's prefix). */
  scanIterator(pattern: string, options?: ScanOptions): AsyncIterable<string>;

  // sets
  /** SADD: how many members were new. */
  sadd(key: string, members: readonly RedisValue[]): Promise<number>;
  /** SMEMBERS. */
  smembers(key: string): Promise<string[]>;
  /** SISMEMBER. */
  sismember(key: string, member: RedisValue): Promise<boolean>;
  /** SREM: how many members were removed. */
  srem(key: string, members: readonly RedisValue[]): Promise<number>;
  /** SCARD. */
  scard(key: string): Promise<number>;

  // lists
  /** RPUSH: the list's new length. */
  appendElementsToList(key: string, elements: readonly RedisValue[]): Promise<number>;
  /** LRANGE start stop. */
  getListElements(key: string, start: number, stop: number): Promise<string[]>;
  /** LLEN. */
  getListLength(key: string): Promise<number>;
  /** LPOP [count]: the popped elements ([] when missing). */
  lpopListElements(key: string, count?: number): Promise<string[]>;

  // sorted sets
  /** ZADD: how many members were new. */
  zadd(key: string, members: readonly ScoredMember[]): Promise<number>;
  /** ZRANGE start stop WITHSCORES (by rank). */
  zrange(key: string, start: number, stop: number): Promise<ScoredMember[]>;
  /** ZRANGE min max BYSCORE WITHSCORES [LIMIT offset count]. */
  zrangeByScore(key: string, min: number | "-inf", max: number | "+inf", limit?: { offset: number; count: number }): Promise<ScoredMember[]>;
  /** ZSCORE: the score or null. */
  zscore(key: string, member: string): Promise<number | null>;
  /** ZREM: how many members were removed. */
  zrem(key: string, members: readonly string[]): Promise<number>;
  /** ZCARD. */
  zcard(key: string): Promise<number>;
}
