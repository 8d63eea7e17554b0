import { assertIntegerIn, invalidArgument } from "@redis-interface/core/internal";
import { thresholdId } from "./entry-id.js";

/** A validated cap: XADD's / XTRIM's `MAXLEN|MINID =|~ threshold [LIMIT n]`. */
export interface Cap {
  readonly kind: "MAXLEN" | "MINID";
  readonly threshold: number | string;
  readonly approximate: boolean;
  readonly limit: number | undefined;
}

/**
 * Checks a cap's threshold (a non-negative integer for MAXLEN, an id for MINID) and its LIMIT
 * (a non-negative integer, only with `~`, as Redis requires). No I/O.
 * @param names how the caller's options are called, for the messages.
 * @returns the cap, ready for the XADD / XTRIM builders.
 * @throws RedisError `INVALID_ARGUMENT`; `INVALID_ENTRY_ID` for a malformed MINID.
 */
export function checkedCap(kind: unknown, threshold: unknown, approximate: boolean, limit: unknown, operation: string, key: string, names: { threshold: string; approximate: string }): Cap {
  if (kind !== "MAXLEN" && kind !== "MINID") throw invalidArgument(operation, key, `kind must be "MAXLEN" or "MINID", got ${typeof kind === "string" ? `"${kind.slice(0, 20)}"` : typeof kind}`);
  let checkedThreshold: number | string;
  if (kind === "MAXLEN") {
    assertIntegerIn(threshold, 0, Number.MAX_SAFE_INTEGER, operation, key, names.threshold);
    checkedThreshold = threshold;
  } else {
    checkedThreshold = thresholdId(threshold, operation, key);
  }
  if (limit !== undefined) {
    assertIntegerIn(limit, 0, Number.MAX_SAFE_INTEGER, operation, key, "limit");
    if (!approximate) throw invalidArgument(operation, key, `limit needs ${names.approximate} (Redis allows LIMIT only with "~" trimming)`);
  }
  return { kind, threshold: checkedThreshold, approximate, limit };
}
