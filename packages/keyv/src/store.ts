import { EventEmitter } from "node:events";
import { RedisError, type RedisConnection } from "@redis-interface/core";
import { assertKey, assertKeys } from "@redis-interface/core/internal";
import { kv, type KeyValueStore } from "@redis-interface/kv";
import type { KeyvStoreAdapter, StoredData } from "keyv";
import { assertSet, entriesByTtl, type KeyvEntry } from "./checks.js";
import { namespaceEntries } from "./iterate.js";
import { clearableView } from "./namespace.js";
import { assertNamespace, resolveOptions, type KeyvRedisInterfaceOptions } from "./options.js";

const NAME = "KeyvRedisInterface";

/** What `opts` shows Keyv: `dialect: "redis"` is what makes Keyv use the store's `iterator`. */
export interface KeyvRedisInterfaceOpts {
  readonly dialect: "redis";
  readonly namespace: string | undefined;
  readonly scanCount: number;
}

/**
 * A Keyv storage adapter over `@redis-interface/kv`: `new Keyv({ store: new KeyvRedisInterface(pool) })`.
 * Keys are stored as Keyv names them (`namespace:key`) under the connection's prefix, values as the
 * strings Keyv serialized, TTLs as server-side milliseconds (`SET … PX`). Every failure rejects with a
 * `RedisError`; failed reads are also emitted as `error` (Keyv's `get` turns a rejection into a miss
 * without reporting it, while it reports failed writes itself), so a Keyv `error` listener sees each once.
 */
export class KeyvRedisInterface extends EventEmitter implements KeyvStoreAdapter {
  readonly #connection: RedisConnection;
  readonly #kv: KeyValueStore;
  readonly #scanCount: number;
  #namespace: string | undefined;
  #disconnected = false;

  /**
   * No I/O.
   * @param connection a pool or any view of one (`withKeyPrefix`, `forTenant`): the store lives under its prefix.
   * @param options `namespace` (Keyv replaces it with its own), `scanCount` (SCAN COUNT of `clear` and `iterator`, default 1000).
   * @throws RedisError `INVALID_ARGUMENT` for a connection that is not a pool or a view, a bad option or an unknown option name.
   */
  constructor(connection: RedisConnection, options?: KeyvRedisInterfaceOptions) {
    super();
    const resolved = resolveOptions(options, NAME);
    this.#kv = kv(connection);
    this.#connection = connection;
    this.#scanCount = resolved.scanCount;
    this.#namespace = resolved.namespace;
  }

  /** The options, as Keyv reads them (a fresh object: assigning to it changes nothing). */
  get opts(): KeyvRedisInterfaceOpts {
    return { dialect: "redis", namespace: this.#namespace, scanCount: this.#scanCount };
  }

  /** The namespace `clear` is confined to; Keyv sets it (`"keyv"` by default). */
  get namespace(): string | undefined {
    return this.#namespace;
  }

  /** @throws RedisError `INVALID_ARGUMENT` for anything but a string or `undefined`. */
  set namespace(namespace: string | undefined) {
    assertNamespace(namespace, `${NAME}.namespace`);
    this.#namespace = namespace;
  }

  /**
   * Sends `GET key`.
   * @returns the stored string, or `undefined` when the key is missing.
   * @throws RedisError `INVALID_ARGUMENT` (before any I/O), `WRONG_TYPE`, the pool's errors, `CLOSED` after `disconnect`; also emitted as `error`.
   */
  async get<Value = string>(key: string): Promise<StoredData<Value> | undefined> {
    try {
      this.#assertOpen("get");
      return ((await this.#kv.getKey(key)) ?? undefined) as StoredData<Value> | undefined;
    } catch (error) {
      throw this.#reported(error);
    }
  }

  /**
   * Sends `MGET key…` (one per hash slot on a cluster; nothing for `[]`).
   * @returns the stored strings in the order of `keys`, `undefined` for missing ones.
   * @throws RedisError as `get`; also emitted as `error`.
   */
  async getMany<Value = string>(keys: string[]): Promise<Array<StoredData<Value | undefined>>> {
    try {
      this.#assertOpen("getMany");
      const values = await this.#kv.getMultipleKeys(keys);
      return values.map((value) => value ?? undefined) as Array<StoredData<Value | undefined>>;
    } catch (error) {
      throw this.#reported(error);
    }
  }

  /**
   * Sends `SET key value PX ttl`, or the plain `SET key value` without a TTL, which also removes an
   * existing TTL in the same command (a concurrent `set` with a TTL is never left without one).
   * @param value the string Keyv serialized.
   * @param ttl milliseconds (a positive integer), kept by the server as given; `undefined`: no expiry.
   * @returns `true`.
   * @throws RedisError `INVALID_ARGUMENT` (a key that is not a non-empty string, a value that is not a string, a bad ttl) before any I/O, the pool's errors, `CLOSED`.
   */
  async set(key: string, value: string, ttl?: number): Promise<boolean> {
    this.#assertOpen("set");
    assertSet(key, value, ttl, `${NAME}.set`);
    await (ttl === undefined ? this.#kv.setKeyWithoutExpiry(key, value) : this.#kv.setKeyWithExpiryMs(key, value, ttl));
    return true;
  }

  /**
   * Writes every entry, all checked before anything is sent: entries sharing a TTL with one script
   * per hash slot (`SET k v PX ttl` for each key, atomic per slot), entries without a TTL with a plain
   * `SET` each (removing an old TTL); a key given twice keeps its last entry.
   * @throws RedisError `INVALID_ARGUMENT` (as `set`, naming the entry; an unknown entry field) before any I/O, the pool's errors, `CLOSED`.
   */
  async setMany(entries: KeyvEntry[]): Promise<void> {
    this.#assertOpen("setMany");
    const groups = entriesByTtl(entries, `${NAME}.setMany`);
    const writes: Array<Promise<unknown>> = [];
    for (const [ttl, pairs] of groups) {
      if (ttl !== undefined) writes.push(this.#kv.setMultipleKeysWithExpiry(pairs, { ms: ttl }));
      else for (const [key, value] of pairs) writes.push(this.#kv.setKeyWithoutExpiry(key, value));
    }
    await Promise.all(writes);
  }

  /**
   * Sends `UNLINK key` (memory freed in the background).
   * @returns whether the key existed.
   * @throws RedisError `INVALID_ARGUMENT` before any I/O, the pool's errors, `CLOSED`.
   */
  async delete(key: string): Promise<boolean> {
    this.#assertOpen("delete");
    return (await this.#kv.unlinkKey(key)) === "KeyDeleted";
  }

  /**
   * Sends `UNLINK key…` (one per hash slot on a cluster; nothing for `[]`).
   * @returns whether any of the keys existed.
   * @throws RedisError `INVALID_ARGUMENT` before any I/O, the pool's errors, `CLOSED`.
   */
  async deleteMany(keys: string[]): Promise<boolean> {
    this.#assertOpen("deleteMany");
    return (await this.#kv.unlinkMultipleKeys(keys)) > 0;
  }

  /**
   * Sends `EXISTS key`.
   * @returns whether the key exists (an expired key does not).
   * @throws RedisError as `get`; also emitted as `error`.
   */
  async has(key: string): Promise<boolean> {
    try {
      this.#assertOpen("has");
      return await this.#kv.exists(key);
    } catch (error) {
      throw this.#reported(error);
    }
  }

  /**
   * Sends `EXISTS key` for each key (written together in one batch), all keys checked first.
   * @returns whether each key exists, in order.
   * @throws RedisError as `get`; also emitted as `error`.
   */
  async hasMany(keys: string[]): Promise<boolean[]> {
    try {
      this.#assertOpen("hasMany");
      assertKeys(keys, `${NAME}.hasMany`);
      return await Promise.all(keys.map((key) => this.#kv.exists(key)));
    } catch (error) {
      throw this.#reported(error);
    }
  }

  /**
   * Deletes every key of the namespace: `SCAN cursor MATCH <prefix><namespace>:* COUNT scanCount`
   * over every page (every master on a cluster) and `UNLINK` per page (per slot), the namespace's
   * glob characters escaped (`n*` never clears `nX`). Without a namespace it clears the whole view,
   * and refuses on a connection without a key prefix. Not atomic: a key written meanwhile may stay.
   * @throws RedisError `INVALID_ARGUMENT` (no namespace on an unprefixed connection) before any I/O, the pool's errors, `CLOSED`.
   */
  async clear(): Promise<void> {
    this.#assertOpen("clear");
    await kv(clearableView(this.#connection, this.#namespace, `${NAME}.clear`)).deleteKeysMatching("*", { count: this.#scanCount });
  }

  /**
   * Every string key of `namespace` (Keyv passes its own) with its value, as `[namespace:key, value]`:
   * `SCAN … MATCH <prefix><namespace>:* COUNT scanCount TYPE string` page by page, one `MGET` per
   * `scanCount` keys. Without a namespace: every string key of the view.
   * @throws RedisError `INVALID_ARGUMENT` for a namespace that is not a string, the pool's errors, `CLOSED`; also emitted as `error`.
   */
  async *iterator<Value = string>(namespace?: string): AsyncGenerator<Array<string | Awaited<Value> | undefined>, void> {
    try {
      this.#assertOpen("iterator");
      assertNamespace(namespace, `${NAME}.iterator`);
      for await (const entry of namespaceEntries(this.#connection, namespace, this.#scanCount)) yield entry;
    } catch (error) {
      throw this.#reported(error);
    }
  }

  /**
   * Ends this store: later calls reject with `CLOSED`. Sends nothing and leaves the connection open:
   * the pool is the application's (other views and packages share it); close it with `pool.close()`,
   * which also ends this store.
   */
  async disconnect(): Promise<void> {
    this.#disconnected = true;
  }

  #assertOpen(method: string): void {
    if (this.#disconnected) throw new RedisError("CLOSED", { operation: `${NAME}.${method}`, message: "the store was disconnected" });
  }

  /** Emits a failed read as `error` (when anyone listens: an unheard `error` event would throw) and returns it. */
  #reported(error: unknown): unknown {
    if (this.listenerCount("error") > 0) this.emit("error", error);
    return error;
  }
}
