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

/** One redis-server process of a cluster started by {@link startRedisCluster}. */
export interface ClusterNodeHandle {
  /** Always `"127.0.0.1"`. */
  readonly host: string;
  /** The node's TCP port (its cluster bus is port + 10000). */
  readonly port: number;
  /** Pid of the current process (changes on restart). */
  readonly pid: number;
  /** Role the node was given when the cluster was formed (a failover does not update it). */
  readonly role: "master" | "replica";
  /** SIGKILL; resolves once the process exited and the port refuses connections. */
  kill(): Promise<void>;
  /** SIGSTOP. */
  freeze(): void;
  /** SIGCONT. */
  thaw(): void;
  /** Starts the node again on the same port and directory (same node id); resolves when it answers PING. */
  restart(): Promise<void>;
  /** Graceful end with SIGKILL escalation; idempotent; resolves once the process exited. */
  stop(): Promise<void>;
}

/** A local Redis Cluster started by {@link startRedisCluster}. */
export interface RedisClusterHandle {
  /** Masters first (in slot order), then replicas. */
  readonly nodes: ClusterNodeHandle[];
  /** `"127.0.0.1:PORT"` for every node, in the order of {@link RedisClusterHandle.nodes}. */
  readonly urls: string[];
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
