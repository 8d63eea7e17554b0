import { RedisError, decodeValue, encodeValue, type RedisConnection } from "@redis-interface/core";
import { assertKey, invalidArgument, poolCloseSignal, toRedisError } from "@redis-interface/core/internal";
import type { Redis } from "ioredis";
import { DEL, GET, PTTL, PUBLISH, SET_PX } from "./commands/cache.js";
import { CACHE_CHANNEL } from "./commands/tracking.js";
import { withLease } from "./lease.js";
import { InvalidationLink } from "./link.js";
import { Lru, type L1Entry } from "./lru.js";
import { InvalidationLog } from "./invalidation-log.js";
import { resolveCacheOptions, resolveTtl, type ResolvedCacheOptions } from "./options.js";
import { clearMessage, keyMessage, parsePublished } from "./published.js";
import type { CacheOptions, CacheStats, GetOrLoadOptions, SetOptions } from "./types.js";


/** A cache from `createCache`. Every method rejects `CLOSED` after `close()` or the pool's close. */
export interface RedisCache {
  /**
   * L1, else `GET key` (and `PTTL key`, one round trip).
   * @returns the decoded value, or `undefined` when Redis has no such key.
   * @throws RedisError `INVALID_ARGUMENT` (before any I/O), `DESERIALIZATION_FAILED`, `CLOSED`, the pool's errors.
   */
  get<T = unknown>(key: string): Promise<T | undefined>;
  /**
   * L1, else Redis, else `await loader()`, whose result is written with `SET key text PX ttlMs`.
   * Concurrent misses of one key in this process call `loader` once.
   * @returns the value; `undefined` when the loader returned `undefined` (nothing is written).
   * @throws what the loader throws (unless a grace value is served), RedisError `INVALID_ARGUMENT`,
   * `SERIALIZATION_FAILED`, `DESERIALIZATION_FAILED`, `CLOSED`, the pool's errors.
   */
  getOrLoad<T>(key: string, loader: () => Promise<T | undefined> | T | undefined, options?: GetOrLoadOptions): Promise<T | undefined>;
  /** `SET key text PX ttlMs`; every instance's L1 copy is dropped. @throws RedisError `INVALID_ARGUMENT`, `SERIALIZATION_FAILED`, `CLOSED`, the pool's errors. */
  set(key: string, value: unknown, options?: SetOptions): Promise<void>;
  /** `DEL key`; every instance's L1 copy is dropped. @throws RedisError `INVALID_ARGUMENT`, `CLOSED`, the pool's errors. */
  delete(key: string): Promise<void>;
  /** Drops `key`'s L1 copy in every instance (a PUBLISH); Redis is untouched. @throws RedisError `INVALID_ARGUMENT`, `CLOSED`, the pool's errors. */
  invalidate(key: string): Promise<void>;
  /** Drops every L1 copy in every instance under this view (a PUBLISH); Redis is untouched. @throws RedisError `CLOSED`, the pool's errors. */
  clear(): Promise<void>;
  /** Counters and state, synchronously; sends nothing. */
  stats(): CacheStats;
  /** Ends the invalidation connections and empties L1; later calls reject `CLOSED`. Idempotent. */
  close(): Promise<void>;
}

/** What a read from Redis brought: the text (null: no such key), its PTTL, the link's generation and the log's position when sent, whether L1 may keep it. */
interface TextRead {
  text: string | null;
  ttlMs: number;
  generation: number;
  since: number;
  tracked: boolean;
}

/**
 * Creates a two-level cache over `connection` (a pool or a view): L1 a bounded in-process LRU,
 * L2 Redis through the connection's codec, invalidated by Redis client tracking (see the README
 * for the modes and the staleness bound). Opens its invalidation connections in the background;
 * until they are healthy every read goes to Redis (`stats().bypassing`).
 * @throws RedisError `INVALID_ARGUMENT` for bad or unknown options, before any I/O.
 */
export function createCache(connection: RedisConnection, options?: CacheOptions): RedisCache {
  return new Cache(connection, resolveCacheOptions(options));
}

class Cache implements RedisCache {
  private readonly l1: Lru;
  /** Last values for `graceMs`: kept after their L1 entry is dropped, served only when a loader fails. */
  private readonly grace: Lru;
  private readonly log = new InvalidationLog();
  private readonly flights = new Map<string, Promise<unknown>>();
  private readonly link: InvalidationLink;
  private readonly counters = { hits: 0, misses: 0, loads: 0, evictions: 0, invalidations: 0, staleServed: 0 };
  private readonly channel: string;
  private closing: Promise<void> | undefined;
  private readonly onPoolClose = (): void => void this.close();

  constructor(
    private readonly connection: RedisConnection,
    private readonly options: ResolvedCacheOptions,
  ) {
    this.l1 = new Lru(options.maxEntries, options.maxBytes, () => this.counters.evictions++);
    this.grace = new Lru(options.maxEntries, options.maxBytes, () => undefined);
    this.channel = options.channel ?? CACHE_CHANNEL;
    this.link = new InvalidationLink(connection, options, {
      invalidate: (raw) => this.drop(raw),
      flush: () => this.flush(),
      published: (text) => this.published(text),
    });
    const closeSignal = poolCloseSignal(connection);
    if (closeSignal.aborted) void this.close();
    else closeSignal.addEventListener("abort", this.onPoolClose, { once: true });
  }

  get<T = unknown>(key: string): Promise<T | undefined> {
    const refused = this.refuse("get", key);
    if (refused !== undefined) return Promise.reject(refused);
    const raw = this.connection.keys.key(key);
    const now = performance.now();
    const entry = this.hit(raw, now);
    if (entry !== undefined) return Promise.resolve(entry.value as T | undefined);
    this.counters.misses++;
    return this.read<T>("get", key, raw, now);
  }

  getOrLoad<T>(key: string, loader: () => Promise<T | undefined> | T | undefined, options?: GetOrLoadOptions): Promise<T | undefined> {
    const operation = "getOrLoad";
    let ttlMs: number;
    try {
      const refused = this.refuse(operation, key);
      if (refused !== undefined) throw refused;
      if (typeof loader !== "function") throw invalidArgument(operation, key, `loader must be a function, got ${typeof loader}`);
      ttlMs = resolveTtl(options, this.options.ttlMs, operation, key);
    } catch (error) {
      return Promise.reject(error);
    }
    const raw = this.connection.keys.key(key);
    const entry = this.hit(raw, performance.now());
    if (entry !== undefined) return Promise.resolve(entry.value as T | undefined);
    const flight = this.flights.get(raw);
    if (flight !== undefined) return flight as Promise<T | undefined>;
    this.counters.misses++;
    const started = this.load<T>(key, raw, loader, ttlMs).finally(() => this.flights.delete(raw));
    this.flights.set(raw, started);
    return started;
  }

  async set(key: string, value: unknown, options?: SetOptions): Promise<void> {
    const operation = "set";
    const refused = this.refuse(operation, key);
    if (refused !== undefined) throw refused;
    if (value === undefined) throw invalidArgument(operation, key, "value must not be undefined (use delete)");
    const ttlMs = resolveTtl(options, this.options.ttlMs, operation, key);
    const text = encodeValue(this.connection.codec, value, { operation, key });
    await this.write(operation, key, () => this.connection.send(operation, SET_PX(key, text, ttlMs)));
  }

  async delete(key: string): Promise<void> {
    const operation = "delete";
    const refused = this.refuse(operation, key);
    if (refused !== undefined) throw refused;
    await this.write(operation, key, () => this.connection.send(operation, DEL(key)));
  }

  async invalidate(key: string): Promise<void> {
    const operation = "invalidate";
    const refused = this.refuse(operation, key);
    if (refused !== undefined) throw refused;
    this.drop(this.connection.keys.key(key));
    await this.connection.send(operation, PUBLISH(this.channel, keyMessage(this.connection.keys.prefix, key)));
  }

  async clear(): Promise<void> {
    const operation = "clear";
    if (this.closing !== undefined) throw closedError(operation, undefined);
    this.flush();
    await this.connection.send(operation, PUBLISH(this.channel, clearMessage(this.connection.keys.prefix)));
  }

  stats(): CacheStats {
    return { ...this.counters, entries: this.l1.size, bytes: this.l1.bytes, bypassing: this.closing !== undefined || !this.link.healthy(performance.now()) };
  }

  close(): Promise<void> {
    if (this.closing === undefined) {
      poolCloseSignal(this.connection).removeEventListener("abort", this.onPoolClose);
      this.l1.clear();
      this.grace.clear();
      this.closing = this.link.close();
    }
    return this.closing;
  }

  /** The live L1 entry of `raw` at `now` while the link is healthy (a hit, counted), else undefined. */
  private hit(raw: string, now: number): L1Entry | undefined {
    if (!this.link.healthy(now)) return undefined;
    const entry = this.l1.get(raw, now);
    if (entry !== undefined) this.counters.hits++;
    return entry;
  }

  private async load<T>(key: string, raw: string, loader: () => Promise<T | undefined> | T | undefined, ttlMs: number): Promise<T | undefined> {
    const operation = "getOrLoad";
    const since = this.log.position;
    const generation = this.link.generation;
    const lookup = (): Promise<{ found: boolean; value: T | undefined }> =>
      this.readText(operation, key, raw, performance.now(), (read) => ({
        found: read.text !== null,
        value: read.text === null ? undefined : (this.store(key, raw, read, operation) as T),
      }));
    const first = await lookup();
    if (first.found) return first.value;
    const run = (): Promise<T | undefined> => this.runLoader(key, raw, loader, ttlMs, since, generation);
    return this.options.crossInstanceSingleFlight ? withLease(this.connection, operation, key, lookup, run) : run();
  }

  private async runLoader<T>(key: string, raw: string, loader: () => Promise<T | undefined> | T | undefined, ttlMs: number, since: number, generation: number): Promise<T | undefined> {
    const operation = "getOrLoad";
    this.counters.loads++;
    let value: T | undefined;
    try {
      value = await loader();
    } catch (error) {
      const last = this.grace.get(raw, performance.now());
      if (last === undefined) throw error;
      this.counters.staleServed++;
      return last.value as T;
    }
    if (value === undefined) {
      if (this.options.negativeTtlMs > 0 && !this.log.changedSince(raw, since) && this.storable(generation)) {
        this.l1.set(raw, { value: undefined, bytes: raw.length, expiresAt: performance.now() + this.options.negativeTtlMs });
      }
      return undefined;
    }
    const text = encodeValue(this.connection.codec, value, { operation, key });
    await this.write(operation, key, () => this.connection.send(operation, SET_PX(key, text, ttlMs)));
    // Our own SET ended Redis's tracking of the key for us: only a fresh tracked read may fill L1.
    await this.read(operation, key, raw, performance.now()).catch(() => undefined);
    return value;
  }

  /** Redis write `send`, with every local copy dropped before and after and, in pub/sub mode, the other instances told. */
  private async write(operation: string, key: string, send: () => Promise<void>): Promise<void> {
    const raw = this.connection.keys.key(key);
    this.drop(raw);
    try {
      await send();
    } finally {
      this.drop(raw);
    }
    if (this.options.mode === "pubsub") await this.connection.send(operation, PUBLISH(this.channel, keyMessage(this.connection.keys.prefix, key)));
  }

  /** A read from Redis at `now` (L1 is filled when nothing changed meanwhile). */
  private read<T>(operation: string, key: string, raw: string, now: number): Promise<T | undefined> {
    return this.readText(operation, key, raw, now, (read) => (read.text === null ? undefined : (this.store(key, raw, read, operation) as T)));
  }

  /**
   * `GET` + `PTTL` at `now` on the tracked reader (tracking mode, healthy link) or the pool, with the
   * link's generation and the log's position when sent. `then` gets the read as it arrives (on the
   * tracked reader without a promise in between: this is the miss path); `otherwise` gets a failure
   * (default: the rejection).
   */
  private readText<R>(operation: string, key: string, raw: string, now: number, then: (read: TextRead) => R, otherwise?: (error: unknown) => R): Promise<R> {
    const generation = this.link.generation;
    const since = this.log.position;
    const healthy = this.link.healthy(now);
    const reader: Redis | undefined = healthy ? this.link.readerFor(raw) : undefined;
    if (reader === undefined) return this.readThroughPool(operation, key, generation, since, healthy && this.options.mode !== "tracking").then(then, otherwise);
    return this.link.sendReads(
      reader,
      operation,
      [GET(key), PTTL(key)],
      (replies) => then({ text: replies[0] as string | null, ttlMs: replies[1] as number, generation, since, tracked: true }),
      (error) => this.afterTrackedReadFailed(error, operation, key, generation, since).then(then, otherwise),
    );
  }

  /** A tracked read failed: refused because the slot moved (a failover), it ran nowhere, so the pool routes it (untracked, not stored); else its error. */
  private afterTrackedReadFailed(error: unknown, operation: string, key: string, generation: number, since: number): Promise<TextRead> {
    const failure = toRedisError(error, operation, key);
    if (failure.replyCode !== "MOVED" && failure.replyCode !== "ASK") return Promise.reject(failure);
    this.link.topologyChanged();
    return this.readThroughPool(operation, key, generation, since, false);
  }

  private async readThroughPool(operation: string, key: string, generation: number, since: number, tracked: boolean): Promise<TextRead> {
    const [text, ttl] = await Promise.all([this.connection.send(operation, GET(key)), this.connection.send(operation, PTTL(key))]);
    return { text, ttlMs: ttl, generation, since, tracked };
  }

  /** Decodes a read's text and fills L1 and the grace copy when the read may be trusted (a read its key's change spoiled counts as an invalidation). */
  private store(key: string, raw: string, read: TextRead, operation: string): unknown {
    const value = decodeValue(this.connection.codec, read.text as string, { operation, key });
    if (!read.tracked) return value;
    if (this.log.changedSince(raw, read.since)) {
      this.counters.invalidations++;
      return value;
    }
    const now = performance.now();
    if (this.storable(read.generation, now)) {
      const expiresAt = read.ttlMs > 0 ? now + read.ttlMs : Infinity;
      const bytes = Buffer.byteLength(read.text as string) + raw.length;
      this.l1.set(raw, { value, bytes, expiresAt });
      if (this.options.graceMs > 0) this.grace.set(raw, { value, bytes, expiresAt: expiresAt + this.options.graceMs });
    }
    return value;
  }

  /** Whether a read sent in link generation `generation` may fill L1 at `now` (not closed, no flush or loss since, the link healthy). */
  private storable(generation: number, now = performance.now()): boolean {
    return this.closing === undefined && this.link.generation === generation && this.link.healthy(now);
  }

  /** Raw key `raw` changed: drop its L1 copy (its grace copy lasts `graceMs` more) and spoil its reads and loads in flight. */
  private drop(raw: string): void {
    this.log.record(raw);
    const entry = this.l1.delete(raw);
    if (entry !== undefined || this.flights.has(raw)) this.counters.invalidations++;
    if (entry === undefined) return;
    const last = this.grace.peek(raw);
    if (last !== undefined) this.grace.set(raw, { ...last, expiresAt: Math.min(last.expiresAt, performance.now() + this.options.graceMs) });
  }

  /** Everything may have changed: empty L1 and spoil every read in flight. */
  private flush(): void {
    this.log.recordAll();
    this.counters.invalidations += this.l1.clear();
  }

  private published(text: string): void {
    const message = parsePublished(text, this.connection.keys.prefix);
    if (message === undefined) return;
    if ("clear" in message) this.flush();
    else this.drop(this.connection.keys.key(message.key));
  }

  private refuse(operation: string, key: unknown): RedisError | undefined {
    try {
      assertKey(key, operation);
    } catch (error) {
      return error as RedisError;
    }
    return this.closing === undefined ? undefined : closedError(operation, key as string);
  }
}

function closedError(operation: string, key: string | undefined): RedisError {
  return new RedisError("CLOSED", { operation, key, message: "the cache has been closed" });
}
