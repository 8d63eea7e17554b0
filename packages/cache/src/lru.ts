/** One L1 entry: a decoded value (or a remembered miss) with its size and expiry. */
export interface L1Entry {
  /** The decoded value; `undefined` for a remembered miss (`negativeTtlMs`). */
  readonly value: unknown;
  /** Counted against `maxBytes`: the encoded text's UTF-8 length plus the key's. */
  readonly bytes: number;
  /** `performance.now()` time after which the entry is not served; `Infinity` for none. */
  readonly expiresAt: number;
}

/**
 * A bounded least-recently-used map (entries and bytes), O(1) per operation: a `Map` keeps
 * insertion order, and a read moves its key to the end by deleting and setting it again.
 */
export class Lru {
  private readonly map = new Map<string, L1Entry>();
  private totalBytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
    /** Called once per entry dropped to make room. */
    private readonly onEvict: () => void,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** The live entry of `key` (made most recent), or undefined; an expired one is dropped. */
  get(key: string, now: number): L1Entry | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    this.map.delete(key);
    if (entry.expiresAt <= now) {
      this.totalBytes -= entry.bytes;
      return undefined;
    }
    this.map.set(key, entry);
    return entry;
  }

  /** The entry of `key` even if expired, without touching its recency. */
  peek(key: string): L1Entry | undefined {
    return this.map.get(key);
  }

  /** Stores `entry` as the most recent; evicts the least recent while over a bound. An entry larger than `maxBytes` is not stored. */
  set(key: string, entry: L1Entry): void {
    this.delete(key);
    if (entry.bytes > this.maxBytes) return;
    this.map.set(key, entry);
    this.totalBytes += entry.bytes;
    while (this.map.size > this.maxEntries || this.totalBytes > this.maxBytes) {
      const oldest = this.map.keys().next().value as string;
      this.delete(oldest);
      this.onEvict();
    }
  }

  /** Drops `key`. @returns the entry it held, if any. */
  delete(key: string): L1Entry | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    this.map.delete(key);
    this.totalBytes -= entry.bytes;
    return entry;
  }

  /** Drops every entry. @returns how many there were. */
  clear(): number {
    const count = this.map.size;
    this.map.clear();
    this.totalBytes = 0;
    return count;
  }
}
