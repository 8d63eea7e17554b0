import type { RedisConnection } from "@redis-interface/core";
import { scanArguments, walks } from "./scan-walk.js";
import type { DeleteMatchingOptions } from "./types.js";
import { unlinkInGroups } from "./unlink-groups.js";

/** COUNT per SCAN page when the caller gives none: few round trips for a namespace clear (Redis's own default is 10). */
const DEFAULT_DELETE_COUNT = 1000;

const OPTIONS: readonly string[] = ["count"];

/**
 * Deletes every key matching `pattern` under the view: `SCAN cursor MATCH <view prefix + pattern>
 * COUNT count` page by page on the server (on a cluster: on every master, in parallel), and for
 * each page `UNLINK key…` (one per hash slot on a cluster) while the next page is fetched (requested
 * before the UNLINK, so Redis answers it first). The view's prefix is glob-escaped, so a view
 * never deletes keys outside it (a view `n*` leaves `nX:…` alone). Not atomic: a key written during the walk may survive (SCAN's guarantee), and a failure
 * part way leaves the keys of earlier pages deleted.
 * @param pattern a Redis glob under the view (`cache:*`; `*` for everything the view holds).
 * @param options `count`: COUNT hint per SCAN page (a positive integer, default 1000).
 * @returns how many keys were removed.
 * @throws RedisError `INVALID_ARGUMENT` for an empty pattern, a bad `count` or an unknown option,
 * before any I/O; the pool's errors for any page or UNLINK (after the UNLINKs already sent have
 * settled); `CONNECTION_FAILED` when a cluster master leaves during the walk.
 */
export const deleteKeysMatching =
  (connection: RedisConnection) =>
  async (pattern: string, options?: DeleteMatchingOptions): Promise<number> => {
    const operation = "deleteKeysMatching";
    const args = scanArguments(connection, operation, pattern, options, OPTIONS);
    let removed = 0;
    let failure: { error: unknown } | undefined;
    const fail = (error: unknown): void => {
      failure ??= { error };
    };
    const unlinks: Array<Promise<void>> = [];
    const walkAll = async (pages: AsyncGenerator<string[]>): Promise<void> => {
      try {
        for await (const keys of pages) {
          if (failure !== undefined) return; // another walk or an UNLINK failed: send no more
          // not awaited: the next page is fetched while this one is unlinked
          if (keys.length > 0) unlinks.push(unlinkInGroups(connection, operation, keys).then((count) => void (removed += count), fail));
        }
      } catch (error) {
        fail(error);
      }
    };
    await Promise.all((await walks(connection, operation, { ...args, count: args.count ?? DEFAULT_DELETE_COUNT }, true)).map(walkAll));
    await Promise.all(unlinks);
    if (failure !== undefined) throw failure.error;
    return removed;
  };
