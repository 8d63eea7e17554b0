import type { Cluster, Redis } from "ioredis";
import { keySlot, type RedisClient, type RedisCommand, type RedisConnection, type RedisError } from "@redis-interface/core";
import { createDedicatedSender, reconnectDelay, traceDedicatedCommand, type DedicatedSender } from "@redis-interface/core/internal";
import { CACHE_CHANNEL, CLIENT_ID, INVALIDATE_CHANNEL, TRACKING_BROADCAST, TRACKING_REDIRECT, type RawCommand } from "./commands/tracking.js";
import type { ResolvedCacheOptions } from "./options.js";

/** What the link tells its cache. */
export interface LinkHooks {
  /** Redis (or another instance) says raw key `key` changed. */
  invalidate(key: string): void;
  /** Everything may have changed: a FLUSHALL/FLUSHDB, or the link was lost or late. */
  flush(): void;
  /** A message on the `{ pubsub }` channel. */
  published(text: string): void;
}

/** One Redis node's pair: the RESP2 invalidation connection and, in tracking mode, the tracked reader. */
interface NodePair {
  readonly invalidation: Redis;
  readonly reader: Redis | undefined;
}

const OPERATION = "createCache";

const address = (node: Redis): string => `${node.options.host}:${node.options.port}`;

/**
 * The invalidation link of one cache: a dedicated RESP2 connection subscribed to
 * `__redis__:invalidate` (or the pub/sub channel) per Redis node, and in tracking mode a dedicated
 * reader per node with `CLIENT TRACKING on REDIRECT <id>`. Health is one rule: the link is healthy
 * at time t when it is set up and a PING sent at or after `t - maxStalenessMs` on every
 * invalidation connection was answered (Redis answers in order, so every invalidation for a write
 * acknowledged before that PING was sent has been handled).
 *
 * Escape hatch (CONTRIBUTING.md): these connections are configured per connection (CLIENT ID,
 * CLIENT TRACKING, SUBSCRIBE) and live as long as the cache, which one described command cannot
 * express. Any loss of any of them ends them all; the link is rebuilt from scratch with the pool's
 * backoff, so a half-configured connection is never used.
 */
export class InvalidationLink {
  /** Bumped whenever L1 must be emptied: a loss, a late heartbeat, a FLUSHALL. Reads started in an older generation are not stored. */
  generation = 0;
  private clients: RedisClient[] = [];
  private readonly sender: DedicatedSender;
  private pairs = new Map<string, NodePair>();
  /** The one pair's reader on a standalone or Sentinel connection (looked up on every miss). */
  private standaloneReader: Redis | undefined = undefined;
  private ready = false;
  /** Bumped on every loss: a PING answered on a link since rebuilt proves nothing. */
  private epoch = 0;
  private late = false;
  private lastAckedPingAt = -Infinity;
  private pingOutstandingSince: number | undefined;
  private attempt = 0;
  private closed = false;
  private readonly timer: NodeJS.Timeout;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: RedisConnection,
    private readonly options: ResolvedCacheOptions,
    private readonly hooks: LinkHooks,
  ) {
    this.sender = createDedicatedSender(connection);
    this.timer = setInterval(() => this.tick(), Math.max(5, Math.floor(options.maxStalenessMs / 4)));
    this.timer.unref();
    void this.build();
  }

  /** True when L1 may be used now (see the class comment). */
  healthy(now: number): boolean {
    if (!this.ready) return false;
    if (now - this.lastAckedPingAt <= this.options.maxStalenessMs) return true;
    this.goLate();
    return false;
  }

  /** The tracked reader for raw key `key` in tracking mode while set up, else undefined (read through the pool, store nothing). */
  readerFor(key: string): Redis | undefined {
    if (!this.ready || this.options.mode !== "tracking") return undefined;
    if (!this.connection.isCluster) return this.standaloneReader;
    const cluster = this.clients[1] as Cluster | undefined;
    const owner = cluster?.slots[keySlot(key)]?.[0];
    return owner === undefined ? undefined : this.pairs.get(owner)?.reader;
  }

  /** The cluster moved a slot away from the node a tracked read was sent to (a MOVED/ASK reply): rebuild the link. */
  topologyChanged(): void {
    if (this.ready) this.lose();
  }

  /**
   * Sends described `commands` (keys under the connection's prefix) on the tracked `reader`
   * through core's dedicated sender: the pool's write path, so the GET and PTTL of a miss leave in
   * one socket write with the other reads of the turn (through ioredis's `call`, a miss cost a
   * `Command`, a promise and a system call per command: 0.67x a bare GET at one caller). `then`
   * runs as the replies arrive, `otherwise` with the first error (see `DedicatedSender.send`).
   */
  sendReads<R>(reader: Redis, operation: string, commands: ReadonlyArray<RedisCommand<unknown>>, then: (replies: unknown[]) => R, otherwise: (error: RedisError) => R | Promise<R>): Promise<R> {
    return this.sender.send(reader, operation, commands, then, otherwise);
  }

  /** Sends `command` on `client` (traced like the pool's dedicated commands). */
  send(client: Redis, operation: string, command: RawCommand): Promise<unknown> {
    const [name, ...args] = command;
    return traceDedicatedCommand(operation, false, client, (sender) => (sender as Redis).call(name, ...args));
  }

  /** Ends every connection; the link stays unhealthy. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    clearTimeout(this.retry);
    await this.teardown();
  }

  private async build(): Promise<void> {
    if (this.closed) return;
    const epoch = this.epoch;
    try {
      const tracking = this.options.mode === "tracking";
      const invalidation = await this.open(true);
      const reader = tracking ? await this.open(false) : undefined;
      if (this.epoch !== epoch || this.closed) return;
      const pairs = await this.pairUp(invalidation, reader);
      this.pairs = pairs;
      for (const [, pair] of pairs) await this.configure(pair);
      if (this.epoch !== epoch || this.closed) return;
      this.pairs = pairs;
      this.standaloneReader = this.connection.isCluster ? undefined : pairs.values().next().value?.reader;
      this.attempt = 0;
      this.ready = true;
      this.late = false;
      this.lastAckedPingAt = -Infinity;
      this.heartbeat();
    } catch {
      if (this.epoch === epoch) this.lose();
    }
  }

  private async open(invalidation: boolean): Promise<RedisClient> {
    const client = await this.connection.createDedicatedConnection(OPERATION, { reconnect: false, resp2: invalidation });
    if (this.closed) {
      await this.connection.releaseDedicatedConnection(client);
      throw new Error("closed");
    }
    this.clients.push(client);
    client.on("close", () => this.lost(client));
    client.on("end", () => this.lost(client));
    if (this.connection.isCluster) {
      client.on("+node", () => this.lost(client));
      client.on("-node", () => this.lost(client));
      // A manual failover swaps roles on the same nodes (no +node/-node): compare the masters on every slot refresh.
      client.on("refresh", () => this.checkMasters(client as Cluster));
    }
    return client;
  }

  /** After a slot refresh of one of the link's cluster clients: a different set of masters than the pairs' means a rebuild. */
  private checkMasters(cluster: Cluster): void {
    if (!this.ready || this.closed || this.options.mode === "pubsub" || !this.clients.includes(cluster)) return;
    const masters = cluster.nodes("master").map(address);
    if (masters.length !== this.pairs.size || masters.some((master) => !this.pairs.has(master))) this.lose();
  }

  /** Standalone: the two connections. Cluster: their master node clients, matched by address. */
  private async pairUp(invalidation: RedisClient, reader: RedisClient | undefined): Promise<Map<string, NodePair>> {
    const pairs = new Map<string, NodePair>();
    if (!this.connection.isCluster) {
      pairs.set("standalone", { invalidation: invalidation as Redis, reader: reader as Redis | undefined });
      return pairs;
    }
    const readers = new Map(((reader as Cluster | undefined)?.nodes("master") ?? []).map((node) => [address(node), node]));
    let masters = (invalidation as Cluster).nodes("master");
    // pub/sub messages reach every node of a cluster: one subscriber is enough.
    if (this.options.mode === "pubsub") masters = masters.slice(0, 1);
    for (const node of masters) {
      const key = address(node);
      const tracked = readers.get(key);
      if (reader !== undefined && tracked === undefined) throw new Error("cluster topology changed");
      for (const client of tracked === undefined ? [node] : [node, tracked]) {
        client.on("close", () => this.lost(client));
        client.on("end", () => this.lost(client));
      }
      pairs.set(key, { invalidation: node, reader: tracked });
    }
    if (pairs.size === 0) throw new Error("no cluster masters");
    return pairs;
  }

  private async configure(pair: NodePair): Promise<void> {
    const { invalidation, reader } = pair;
    const id = Number(await this.send(invalidation, OPERATION, CLIENT_ID));
    if (this.options.mode === "broadcast") await this.send(invalidation, OPERATION, TRACKING_BROADCAST(id, this.connection.keys.prefix));
    const channels = this.options.mode === "pubsub" ? [this.options.channel as string] : [INVALIDATE_CHANNEL, CACHE_CHANNEL];
    invalidation.on("messageBuffer", (from: Buffer, message: unknown) => this.message(from.toString("utf8"), message));
    await traceDedicatedCommand(OPERATION, false, invalidation, (sender) => (sender as Redis).subscribe(...channels));
    if (reader !== undefined) await this.send(reader, OPERATION, TRACKING_REDIRECT(id));
  }

  private message(channel: string, message: unknown): void {
    if (this.closed) return;
    if (channel !== INVALIDATE_CHANNEL) {
      if (Buffer.isBuffer(message)) this.hooks.published(message.toString("utf8"));
      return;
    }
    if (message === null || message === undefined) {
      this.generation++;
      this.hooks.flush();
      return;
    }
    const keys = Array.isArray(message) ? message : [message];
    for (const key of keys) this.hooks.invalidate(Buffer.isBuffer(key) ? key.toString("utf8") : String(key));
  }

  /** Every quarter of `maxStalenessMs`: a PING on every invalidation connection (one at a time), and the late check. */
  private tick(): void {
    if (!this.ready) return;
    const now = performance.now();
    const stuckAfter = Math.max(4 * this.options.maxStalenessMs, this.connection.settings.unresponsiveTimeoutMs);
    if (this.pingOutstandingSince !== undefined && now - this.pingOutstandingSince > stuckAfter) {
      this.lose();
      return;
    }
    this.healthy(now);
    this.heartbeat();
  }

  private heartbeat(): void {
    if (this.pingOutstandingSince !== undefined || !this.ready) return;
    const epoch = this.epoch;
    const sentAt = performance.now();
    this.pingOutstandingSince = sentAt;
    const pings = [...this.pairs.values()].map((pair) => traceDedicatedCommand("cacheHeartbeat", false, pair.invalidation, (sender) => (sender as Redis).ping()));
    Promise.all(pings).then(
      () => {
        if (this.epoch !== epoch) return;
        this.pingOutstandingSince = undefined;
        this.lastAckedPingAt = Math.max(this.lastAckedPingAt, sentAt);
        if (this.late && performance.now() - this.lastAckedPingAt <= this.options.maxStalenessMs) this.late = false;
      },
      () => {
        if (this.epoch === epoch) this.lose();
      },
    );
  }

  /** The heartbeat is older than the bound: empty L1 once; it is used again after a newer PING is answered. */
  private goLate(): void {
    if (this.late) return;
    this.late = true;
    this.generation++;
    this.hooks.flush();
  }

  private lost(client: RedisClient): void {
    if (this.closed || !this.clients.includes(client) && !this.isNode(client)) return;
    this.lose();
  }

  private isNode(client: RedisClient): boolean {
    for (const pair of this.pairs.values()) if (pair.invalidation === client || pair.reader === client) return true;
    return false;
  }

  private lose(): void {
    if (this.closed) return;
    this.epoch++;
    this.generation++;
    this.ready = false;
    this.late = false;
    this.pingOutstandingSince = undefined;
    this.hooks.flush();
    void this.teardown();
    clearTimeout(this.retry);
    const settings = this.connection.settings;
    const delay = reconnectDelay(++this.attempt, { maxAttempts: 0, baseDelayMs: settings.reconnectDelayMs, maxDelayMs: settings.reconnectMaxDelayMs }) ?? settings.reconnectMaxDelayMs;
    this.retry = setTimeout(() => void this.build(), delay);
    this.retry.unref();
  }

  private async teardown(): Promise<void> {
    const clients = this.clients;
    this.clients = [];
    this.pairs = new Map();
    this.standaloneReader = undefined;
    await Promise.all(clients.map((client) => this.connection.releaseDedicatedConnection(client).catch(() => undefined)));
  }
}
