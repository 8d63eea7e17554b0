import { RedisError, assertKey, keySlot, type RedisConnection } from "@redis-interface/core";
import { validateEntryId, type StreamEntry } from "@redis-interface/streams";

/** What a handler learns about the delivery it is given. */
export interface DeliveryContext {
  stream: string;
  group: string;
  consumer: string;
  /** 1 on the first delivery; grows with each retry or claim (Redis's delivery counter). */
  deliveries: number;
}

/** Options of `createConsumer`. */
export interface ConsumerOptions {
  stream: string;
  group: string;
  /** This worker's name in the group; give each process its own. */
  consumer: string;
  /** Processes one entry; the entry is acknowledged only after it resolves. A throw is a failed attempt. */
  handler: (entry: StreamEntry, context: DeliveryContext) => unknown;
  /** Handlers in flight at once (default 10). */
  concurrency?: number;
  /** Entries per read (default `concurrency`; never more than the free handler slots). */
  count?: number;
  /** How long one read blocks waiting for new entries (default 2000 ms). */
  blockMs?: number;
  /** Entries pending this long on any consumer (a dead one) are claimed (default 30000 ms). */
  claimIdleMs?: number;
  /** How often to look for such entries (default min(claimIdleMs, 5000) ms). */
  claimIntervalMs?: number;
  /** Failed attempts after which an entry is dead-lettered (default 5). */
  maxDeliveries?: number;
  /** Where poison entries go (default `<stream>:dead-letter`; on a cluster it must share the stream's slot). */
  deadLetterStream?: string;
  /** A failed entry is retried by this worker after this delay (default 1000 ms). */
  retryDelayMs?: number;
  /** Where the group starts when it has to be created (default `'0'`: every entry in the stream). */
  startId?: string;
  /** How long `stop()` waits for in-flight handlers (default 30000 ms). */
  stopTimeoutMs?: number;
}

/** `ConsumerOptions` with every default applied. */
export type ResolvedConsumerOptions = Required<ConsumerOptions>;

function invalid(message: string, key?: string): RedisError {
  return new RedisError("INVALID_ARGUMENT", { operation: "createConsumer", key, message });
}

function positiveInteger(value: unknown, name: string, allowZero = false): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < (allowZero ? 0 : 1)) {
    throw invalid(`${name} must be a ${allowZero ? "non-negative" : "positive"} integer, got ${String(value)}`);
  }
  return value;
}

/**
 * Applies the defaults and checks every option before anything is sent.
 * @throws RedisError `INVALID_ARGUMENT` naming the option; `INVALID_ENTRY_ID` for `startId`;
 * `CROSS_SLOT` when, on a cluster, the stream and its dead-letter stream are in different slots.
 */
export function resolveConsumerOptions(connection: RedisConnection, options: ConsumerOptions): ResolvedConsumerOptions {
  if (typeof options !== "object" || options === null) throw invalid("options must be an object");
  assertKey(options.stream, "createConsumer", "stream");
  for (const name of ["group", "consumer"] as const) {
    if (typeof options[name] !== "string" || options[name] === "") throw invalid(`${name} must be a non-empty string`, options.stream);
  }
  if (typeof options.handler !== "function") throw invalid("handler must be a function", options.stream);
  const concurrency = positiveInteger(options.concurrency ?? 10, "concurrency");
  const claimIdleMs = positiveInteger(options.claimIdleMs ?? 30_000, "claimIdleMs");
  const resolved: ResolvedConsumerOptions = {
    stream: options.stream,
    group: options.group,
    consumer: options.consumer,
    handler: options.handler,
    concurrency,
    count: positiveInteger(options.count ?? concurrency, "count"),
    blockMs: positiveInteger(options.blockMs ?? 2_000, "blockMs"),
    claimIdleMs,
    claimIntervalMs: positiveInteger(options.claimIntervalMs ?? Math.min(claimIdleMs, 5_000), "claimIntervalMs"),
    maxDeliveries: positiveInteger(options.maxDeliveries ?? 5, "maxDeliveries"),
    deadLetterStream: options.deadLetterStream ?? `${options.stream}:dead-letter`,
    retryDelayMs: positiveInteger(options.retryDelayMs ?? 1_000, "retryDelayMs", true),
    startId: validateEntryId(options.startId ?? "0", "groupCreate", "createConsumer", options.stream),
    stopTimeoutMs: positiveInteger(options.stopTimeoutMs ?? 30_000, "stopTimeoutMs", true),
  };
  if (resolved.retryDelayMs >= resolved.claimIdleMs) {
    throw invalid(`retryDelayMs (${resolved.retryDelayMs}) must be below claimIdleMs (${resolved.claimIdleMs}), or idle claims would race this worker's own retries`, options.stream);
  }
  assertKey(resolved.deadLetterStream, "createConsumer", "deadLetterStream");
  if (resolved.deadLetterStream === resolved.stream) throw invalid("deadLetterStream must differ from stream", options.stream);
  if (connection.isCluster && keySlot(connection.keys.key(resolved.stream)) !== keySlot(connection.keys.key(resolved.deadLetterStream))) {
    throw new RedisError("CROSS_SLOT", {
      operation: "createConsumer",
      key: resolved.stream,
      message: `the stream and its dead-letter stream "${resolved.deadLetterStream}" must share a cluster slot for atomic dead-lettering: use a hash tag, e.g. "{payments}:events" and "{payments}:dead-letter"`,
    });
  }
  return resolved;
}
