import { RedisError, keySlot, type RedisConnection } from "@redis-interface/core";
import { assertKey, assertName, assertNonNegativeInteger, assertPositiveInteger, invalidArgument, optionsObject } from "@redis-interface/core/internal";
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
  /** Handlers in flight at once (default 100: see the README for why). */
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

/** Handlers in flight at once, and so entries per read, unless the caller says otherwise. */
export const DEFAULT_CONCURRENCY = 100;

const OPERATION = "createConsumer";
const KNOWN_OPTIONS: ReadonlyArray<keyof ConsumerOptions> = [
  "stream",
  "group",
  "consumer",
  "handler",
  "concurrency",
  "count",
  "blockMs",
  "claimIdleMs",
  "claimIntervalMs",
  "maxDeliveries",
  "deadLetterStream",
  "retryDelayMs",
  "startId",
  "stopTimeoutMs",
];

function positive(value: number | undefined, fallback: number, what: keyof ConsumerOptions, stream: string): number {
  const resolved = value ?? fallback;
  assertPositiveInteger(resolved, OPERATION, stream, what);
  return resolved;
}

function nonNegative(value: number | undefined, fallback: number, what: keyof ConsumerOptions, stream: string): number {
  const resolved = value ?? fallback;
  assertNonNegativeInteger(resolved, OPERATION, stream, what);
  return resolved;
}

/**
 * Applies the defaults and checks every option before anything is sent.
 * @throws RedisError `INVALID_ARGUMENT` naming the option (an unknown option name included);
 * `INVALID_ENTRY_ID` for `startId`; `CROSS_SLOT` when, on a cluster, the stream and its
 * dead-letter stream are in different slots.
 */
export function resolveConsumerOptions(connection: RedisConnection, options: ConsumerOptions): ResolvedConsumerOptions {
  if (typeof options !== "object" || options === null) throw invalidArgument(OPERATION, undefined, "options must be an object { stream, group, consumer, handler, … }");
  const given = optionsObject(options, KNOWN_OPTIONS, OPERATION, typeof options.stream === "string" ? options.stream : undefined);
  const { stream, group, consumer, handler } = given;
  assertKey(stream, OPERATION, "stream");
  assertName(group, OPERATION, stream, "group");
  assertName(consumer, OPERATION, stream, "consumer");
  if (typeof handler !== "function") throw invalidArgument(OPERATION, stream, "handler must be a function");
  const concurrency = positive(given.concurrency, DEFAULT_CONCURRENCY, "concurrency", stream);
  const claimIdleMs = positive(given.claimIdleMs, 30_000, "claimIdleMs", stream);
  const resolved: ResolvedConsumerOptions = {
    stream,
    group,
    consumer,
    handler,
    concurrency,
    count: positive(given.count, concurrency, "count", stream),
    blockMs: positive(given.blockMs, 2_000, "blockMs", stream),
    claimIdleMs,
    claimIntervalMs: positive(given.claimIntervalMs, Math.min(claimIdleMs, 5_000), "claimIntervalMs", stream),
    maxDeliveries: positive(given.maxDeliveries, 5, "maxDeliveries", stream),
    deadLetterStream: given.deadLetterStream ?? `${stream}:dead-letter`,
    retryDelayMs: nonNegative(given.retryDelayMs, 1_000, "retryDelayMs", stream),
    startId: validateEntryId(given.startId ?? "0", "groupCreate", OPERATION, stream),
    stopTimeoutMs: nonNegative(given.stopTimeoutMs, 30_000, "stopTimeoutMs", stream),
  };
  if (resolved.retryDelayMs >= resolved.claimIdleMs) {
    throw invalidArgument(OPERATION, stream, `retryDelayMs (${resolved.retryDelayMs}) must be below claimIdleMs (${resolved.claimIdleMs}), or idle claims would race this worker's own retries`);
  }
  assertKey(resolved.deadLetterStream, OPERATION, "deadLetterStream");
  if (resolved.deadLetterStream === stream) throw invalidArgument(OPERATION, stream, "deadLetterStream must differ from stream");
  // Core checks the slots of the dead-letter script when it is sent, but a worker that could never
  // dead-letter must fail here, at creation, not at its first poison entry.
  if (connection.isCluster && keySlot(connection.keys.key(stream)) !== keySlot(connection.keys.key(resolved.deadLetterStream))) {
    throw new RedisError("CROSS_SLOT", {
      operation: OPERATION,
      key: stream,
      message: `the stream and its dead-letter stream "${resolved.deadLetterStream}" must share a cluster slot for atomic dead-lettering: use a hash tag, e.g. "{payments}:events" and "{payments}:dead-letter"`,
    });
  }
  return resolved;
}
