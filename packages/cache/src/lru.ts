/** One L1 entry: a decoded value (or a remembered miss) with its size and expiry. */
export interface L1Entry {
  /** The decoded value; `undefined` for a remembered miss (`negativeTtlMs`). */
  readonly value: unknown;
  /** Counted against `maxBytes`: the encoded text's UTF-8 length plus the key's. */
  readonly bytes: number;
  /** `performance.now()` time after which the entry is not served; `Infinity` for none. */
  readonly expiresAt: number;
}

/** An entry of the recency list. */
interface Node {
  readonly key: string;
  entry: L1Entry;
  /** Toward the most recent (undefined at the head). */
  newer: Node | undefined;
  /** Toward the least recent (undefined at the tail). */
  older: Node | undefined;
}

/**
 * A bounded least-recently-used map (entries and bytes), O(1) per operation: a `Map` from key to
 * a node of a doubly linked recency list. A read relinks its node at the head; eviction takes the
 * tail. (Reordering a `Map` itself, deleting and setting a key on every read and evicting its
 * first key, leaves a hole at the front for every deleted key until V8 rehashes the table, and
 * finding the first key skips them all: 6 µs per eviction at 10,000 entries.)
 */
export class Lru {
  private readonly map = new Map<string, Node>();
  private head: Node | undefined = undefined;
  private tail: Node | undefined = undefined;
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
    const node = this.map.get(key);
    if (node === undefined) return undefined;
    if (node.entry.expiresAt <= now) {
      this.remove(node);
      return undefined;
    }
    if (node !== this.head) {
      this.unlink(node);
      this.linkAtHead(node);
    }
    return node.entry;
  }

  /** The entry of `key` even if expired, without touching its recency. */
  peek(key: string): L1Entry | undefined {
    return this.map.get(key)?.entry;
  }

  /** Stores `entry` as the most recent; evicts the least recent while over a bound. An entry larger than `maxBytes` is not stored. */
  set(key: string, entry: L1Entry): void {
    let node = this.map.get(key);
    if (entry.bytes > this.maxBytes) {
      if (node !== undefined) this.remove(node);
      return;
    }
    if (node === undefined) {
      node = { key, entry, newer: undefined, older: undefined };
      this.map.set(key, node);
    } else {
      this.totalBytes -= node.entry.bytes;
      node.entry = entry;
      this.unlink(node);
    }
    this.linkAtHead(node);
    this.totalBytes += entry.bytes;
    while (this.map.size > this.maxEntries || this.totalBytes > this.maxBytes) {
      this.remove(this.tail as Node);
      this.onEvict();
    }
  }

  /** Drops `key`. @returns the entry it held, if any. */
  delete(key: string): L1Entry | undefined {
    const node = this.map.get(key);
    if (node === undefined) return undefined;
    this.remove(node);
    return node.entry;
  }

  /** Drops every entry. @returns how many there were. */
  clear(): number {
    const count = this.map.size;
    this.map.clear();
    this.head = undefined;
    this.tail = undefined;
    this.totalBytes = 0;
    return count;
  }

  private remove(node: Node): void {
    this.map.delete(node.key);
    this.unlink(node);
    this.totalBytes -= node.entry.bytes;
  }

  private unlink(node: Node): void {
    if (node.newer === undefined) this.head = node.older;
    else node.newer.older = node.older;
    if (node.older === undefined) this.tail = node.newer;
    else node.older.newer = node.newer;
    node.newer = undefined;
    node.older = undefined;
  }

  private linkAtHead(node: Node): void {
    node.older = this.head;
    if (this.head === undefined) this.tail = node;
    else this.head.newer = node;
    this.head = node;
  }
}
