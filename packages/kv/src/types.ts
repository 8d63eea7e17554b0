import type { CodecChoice } from "@redis-interface/core";

/** Options of `kv(connection, options)`. */
export interface KvOptions {
  /**
   * The codec of this store's typed values (`serializeAndSet…`, `get…AndDeserialize…`, hash fields):
   * `"superjson"`, `"json"`, `"serde"` (keys shared with Rust services) or a codec object. Default:
   * the connection's (the pool's `codec` setting).
   */
  codec?: CodecChoice;
}

/** A value stored as a Redis string: strings and numbers as text, Buffers byte for byte. */
export type RedisValue = string | number | Buffer;

/** Reply of SET … NX and HSETNX (Hyperswitch's `SetnxReply` / `HsetnxReply`). */
export type SetnxReply = "KeySet" | "KeyNotSet";
/** Reply of MSETNX (Hyperswitch's `MsetnxReply`). */
export type MsetnxReply = "KeysSet" | "KeysNotSet";
/** Reply of DEL (Hyperswitch's `DelReply`). */
export type DelReply = "KeyDeleted" | "KeyNotDeleted";
/** Reply of `setKeyIfNotExistsAndGetValue` (Hyperswitch's `SetGetReply<T>`). */
export interface SetGetReply<T> {
  status: "ValueSet" | "ValueExists";
  /** The value now stored under the key: the caller's when `ValueSet`, the existing one otherwise. */
  value: T;
}

/** Options of `scan` / `scanIterator`. */
export interface ScanOptions {
  /** COUNT hint per SCAN page. */
  count?: number;
  /** Only keys of this Redis type (`string`, `hash`, `list`, `set`, `zset`, `stream`). */
  type?: "string" | "hash" | "list" | "set" | "zset" | "stream";
}

/** Result of `hscanAndDeserialize`: the values that decoded, and the fields that did not. */
export interface HscanDeserializeResult<T> {
  values: T[];
  /** Fields whose value failed to decode, each with its `DESERIALIZATION_FAILED` error. */
  failures: Array<{ field: string; error: Error }>;
}

/** A member of a sorted set with its score. */
export interface ScoredMember {
  member: string;
  score: number;
}

/** The expiry of `setMultipleKeysWithExpiry`: seconds or milliseconds (exactly one, a positive integer). */
export type ExpiryOptions = { readonly seconds: number; readonly ms?: never } | { readonly ms: number; readonly seconds?: never };

/** Options of `deleteKeysMatching`. */
export interface DeleteMatchingOptions {
  /** COUNT hint per SCAN page (default 1000). */
  count?: number;
}
