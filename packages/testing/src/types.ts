/** Options for {@link startRedis}. */
export interface StartRedisOptions {
  /** Port to listen on (127.0.0.1). Default: a free port picked by {@link findFreePort}. */
  port?: number;
  /**
   * Extra redis-server arguments, e.g. `["--appendonly", "yes"]`.
   * Default: `["--save", "", "--appendonly", "no"]` (no persistence).
   */
  args?: string[];
}

/** A running (or stopped) standalone redis-server started by {@link startRedis}. */
export interface RedisServerHandle {
  /** Always `"127.0.0.1"`. */
  readonly host: string;
  /** The TCP port; it stays the same across {@link RedisServerHandle.restart}. */
  readonly port: number;
  /** `redis://127.0.0.1:PORT`. */
  readonly url: string;
  /** Pid of the current redis-server process (changes on restart). */
  readonly pid: number;
  /** Graceful end (SIGCONT first if frozen, SIGKILL after a few seconds); idempotent; resolves once the process exited. */
  stop(): Promise<void>;
  /** SIGKILL (simulated crash); resolves once the process exited and the port refuses connections. */
  kill(): Promise<void>;
  /** SIGSTOP: the kernel still accepts TCP connections but the server never replies. */
  freeze(): void;
  /** SIGCONT: undoes {@link RedisServerHandle.freeze}. */
  thaw(): void;
  /** Starts a new redis-server on the same port with the same args; resolves when it answers PING. */
  restart(): Promise<void>;
}

/** Options for {@link startRedisCluster}. */
export interface StartRedisClusterOptions {
  /** Number of masters (default 3). */
  masters?: number;
  /** Replicas per master (default 1). */
  replicas?: number;
  /** Extra redis-server arguments appended to every node's command line. */
  args?: string[];
  /** `cluster-node-timeout` in milliseconds (default 5000). */
  nodeTimeoutMs?: number;
}

/** One redis-server or redis-sentinel process spawned by this package. */
export interface RedisProcessHandle {
  /** Always `"127.0.0.1"`. */
  readonly host: string;
  /** The TCP port (a cluster node's bus port is port + 10000). */
  readonly port: number;
  /** `"127.0.0.1:PORT"`. */
  readonly url: string;
  /** Pid of the current process (changes on restart). */
  readonly pid: number;
  /** Started and not exited (a frozen process counts as running). */
  readonly running: boolean;
  /** SIGKILL; resolves once the process exited and the port refuses connections. */
  kill(): Promise<void>;
  /** SIGSTOP. */
  freeze(): void;
  /** SIGCONT. */
  thaw(): void;
  /** Starts the process again on the same port, directory and command line; resolves when it answers PING. */
  restart(): Promise<void>;
  /** Graceful end with SIGKILL escalation; idempotent; resolves once the process exited. */
  stop(): Promise<void>;
}

/** One redis-server process of a cluster started by {@link startRedisCluster}; `restart()` keeps its node id. */
export interface ClusterNodeHandle extends RedisProcessHandle {
  /** Role the node was given when the cluster was formed (a failover does not update it). */
  readonly role: "master" | "replica";
}

/** What {@link RedisClusterHandle.failover} observed. */
export interface ClusterFailover {
  /** The node that now serves the killed master's slots. */
  readonly promoted: ClusterNodeHandle;
  /** The slot ranges `[start, end]` the killed master served. */
  readonly slots: ReadonlyArray<readonly [number, number]>;
}

/** A local Redis Cluster started by {@link startRedisCluster}. */
export interface RedisClusterHandle {
  /** Masters first (in slot order), then replicas. */
  readonly nodes: ClusterNodeHandle[];
  /** `"127.0.0.1:PORT"` for every node, in the order of {@link RedisClusterHandle.nodes}. */
  readonly urls: string[];
  /**
   * Asks a running node (CLUSTER SLOTS) which node serves `slot` now.
   * @throws Error when no running node answers or no node serves the slot.
   */
  masterOfSlot(slot: number): Promise<ClusterNodeHandle>;
  /**
   * Failover test helper: reads the slots `master` serves, SIGKILLs it (SIGSTOPs it with
   * `freeze`: a hung master; `thaw()` it later and it rejoins as a replica), then waits until
   * another node serves all of them and every other running node reports `cluster_state:ok`.
   * @param options `timeoutMs` (default 60000), `freeze` (default false).
   * @throws Error if `master` serves no slot, or on timeout (with the last state seen).
   */
  failover(master: ClusterNodeHandle, options?: { timeoutMs?: number; freeze?: boolean }): Promise<ClusterFailover>;
  /** Ends every node, waits until all exited and removes the data directories; idempotent. */
  stop(): Promise<void>;
}

/** Options for {@link findFreePort}. */
export interface FindFreePortOptions {
  /** Also require port + 10000 (the cluster bus port) to be free. */
  withClusterBus?: boolean;
}

/** Options for {@link waitFor}. */
export interface WaitForOptions {
  /** Deadline in milliseconds (default 30000). */
  timeoutMs?: number;
  /** Pause between two evaluations in milliseconds (default 25). */
  intervalMs?: number;
  /** What is being waited for; used in the timeout error message. */
  description?: string;
}

/** Options for {@link startRedisSentinel}. */
export interface StartRedisSentinelOptions {
  /** Name of the monitored master (default `"mymaster"`). */
  masterName?: string;
  /** Replicas of the master (default 1). */
  replicas?: number;
  /** redis-sentinel processes (default 3). */
  sentinels?: number;
  /** Sentinels that must agree the master is down (default: a majority). */
  quorum?: number;
  /** `down-after-milliseconds` (default 1000). */
  downAfterMs?: number;
  /** `failover-timeout` in milliseconds (default 10000). */
  failoverTimeoutMs?: number;
  /** `requirepass`/`masterauth` of master and replicas; sentinels get it as `auth-pass`. */
  password?: string;
  /** `requirepass` of the sentinels (and `sentinel sentinel-pass`, so they can talk to each other). */
  sentinelPassword?: string;
  /** Extra redis-server arguments for master and replicas, e.g. `["--appendonly", "yes"]`. */
  args?: string[];
}

/** A master or replica of a Sentinel deployment. */
export interface SentinelServerHandle extends RedisProcessHandle {
  /** Role at start (a failover does not update it). */
  readonly role: "master" | "replica";
}

/** A master, its replicas and the sentinels watching them, started by {@link startRedisSentinel}. */
export interface RedisSentinelHandle {
  readonly masterName: string;
  /** The master first, then the replicas (roles as started). */
  readonly servers: SentinelServerHandle[];
  readonly sentinels: RedisProcessHandle[];
  /** `"127.0.0.1:PORT"` of every sentinel: core's `sentinel.sentinels`. */
  readonly sentinelUrls: string[];
  /**
   * Asks the running sentinels (`SENTINEL GET-MASTER-ADDR-BY-NAME`) which server is the master.
   * @throws Error when no sentinel answers or they disagree.
   */
  currentMaster(): Promise<SentinelServerHandle>;
  /**
   * Waits until every running sentinel names a master other than `previous` and that server
   * reports `role:master`.
   * @param options `timeoutMs` (default 60000).
   * @returns the promoted server.
   * @throws Error on timeout (with the last state seen).
   */
  waitForNewMaster(previous: SentinelServerHandle, options?: { timeoutMs?: number }): Promise<SentinelServerHandle>;
  /** Ends every process, waits until all exited and removes the directories; idempotent. */
  stop(): Promise<void>;
}
