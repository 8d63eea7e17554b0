import { bindOperations, type BoundOperations, type RedisConnection } from "@redis-interface/core";
import { optionsObject, withCodec } from "@redis-interface/core/internal";
import * as prefix from "./add-prefix.js";
import * as atomic from "./atomic-set.js";
import * as batchSet from "./batch-set.js";
import * as counters from "./counters.js";
import * as deleteMatching from "./delete-matching.js";
import * as hashScan from "./hash-scan.js";
import * as hashes from "./hashes.js";
import * as lists from "./lists.js";
import * as multiKey from "./multi-key.js";
import * as scan from "./scan.js";
import * as sets from "./sets.js";
import * as sortedSets from "./sorted-sets.js";
import * as strings from "./strings.js";
import * as ttl from "./ttl.js";
import * as typedHashes from "./typed-hashes.js";
import * as typed from "./typed.js";
import type { KvOptions } from "./types.js";
import * as unlink from "./unlink.js";

/**
 * Every kv operation: each module's exports are its public functions, written
 * `(connection) => (key, …) => Promise<R>` (see CONTRIBUTING.md). Typed as the modules (not as the
 * object literal), so the declarations, with their documentation, are what users' editors show.
 */
const operations: typeof prefix &
  typeof strings &
  typeof atomic &
  typeof multiKey &
  typeof batchSet &
  typeof unlink &
  typeof typed &
  typeof ttl &
  typeof counters &
  typeof hashes &
  typeof typedHashes &
  typeof hashScan &
  typeof scan &
  typeof deleteMatching &
  typeof sets &
  typeof lists &
  typeof sortedSets = {
  ...prefix,
  ...strings,
  ...atomic,
  ...multiKey,
  ...batchSet,
  ...unlink,
  ...typed,
  ...ttl,
  ...counters,
  ...hashes,
  ...typedHashes,
  ...hashScan,
  ...scan,
  ...deleteMatching,
  ...sets,
  ...lists,
  ...sortedSets,
};

/**
 * Every key-value function of Hyperswitch's `redis_interface` (camelCased), plus what users expect
 * beyond it, bound to one connection: derived from the operations, so each function keeps its own
 * type parameters and documentation. Keys are the caller's names; the connection's prefix is
 * applied by core. Every failure is a `RedisError`: `INVALID_ARGUMENT` for bad input (before any
 * I/O), `WRONG_TYPE` for a key of another type, and the pool's `CONNECTION_FAILED`,
 * `COMMAND_TIMEOUT`, `BACKPRESSURE`, `CLOSED`.
 */
export type KeyValueStore = BoundOperations<typeof operations>;

const OPTIONS: readonly (keyof KvOptions)[] = ["codec"];

/**
 * The key-value surface on a connection: a pool, a `withKeyPrefix` view or a tenant view. No I/O;
 * holds no state of its own: create it once and share it.
 * @param options `codec`: the codec of this store's `serialize…` / `…AndDeserialize…` functions
 *   (`"superjson"`, `"json"`, `"serde"` or a codec object); default the connection's.
 * @returns a frozen object of the bound functions (safe to destructure).
 * @throws RedisError `INVALID_ARGUMENT` for an unknown option name or a codec that names none, or a
 *   connection that is not a pool or a view of one.
 */
export function kv(connection: RedisConnection, options?: KvOptions): KeyValueStore {
  const { codec } = optionsObject(options, OPTIONS, "kv");
  return bindOperations(withCodec(connection, codec, "kv"), operations);
}
