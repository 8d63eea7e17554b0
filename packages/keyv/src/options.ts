import { assertPositiveInteger, describeArgument, invalidArgument, optionsObject } from "@redis-interface/core/internal";

/** Options of `new KeyvRedisInterface(connection, options)`. */
export interface KeyvRedisInterfaceOptions {
  /**
   * The namespace `clear` and `iterator` are confined to until Keyv sets its own (Keyv assigns
   * `store.namespace` when it is built: `"keyv"` unless given another).
   */
  namespace?: string;
  /** COUNT hint of each SCAN page of `clear` and `iterator`, and the keys per MGET of `iterator` (default 1000). */
  scanCount?: number;
}

/** The checked options. */
export interface ResolvedOptions {
  readonly namespace: string | undefined;
  readonly scanCount: number;
}

/** SCAN COUNT when none is given: few round trips for a namespace clear (Redis's own default is 10). */
export const DEFAULT_SCAN_COUNT = 1000;

const KNOWN: readonly string[] = ["namespace", "scanCount"];

/**
 * Checks a namespace: a string (`""` is no namespace, as in Keyv) or `undefined`.
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function assertNamespace(namespace: unknown, operation: string): asserts namespace is string | undefined {
  if (namespace !== undefined && typeof namespace !== "string") {
    throw invalidArgument(operation, undefined, `namespace must be a string or undefined, got ${describeArgument(namespace)}`);
  }
}

/**
 * Checks the constructor's options (unknown names included).
 * @throws RedisError `INVALID_ARGUMENT`.
 */
export function resolveOptions(options: KeyvRedisInterfaceOptions | undefined, operation: string): ResolvedOptions {
  const given = optionsObject(options, KNOWN, operation);
  assertNamespace(given.namespace, operation);
  if (given.scanCount !== undefined) assertPositiveInteger(given.scanCount, operation, undefined, "scanCount");
  return { namespace: given.namespace, scanCount: given.scanCount ?? DEFAULT_SCAN_COUNT };
}
