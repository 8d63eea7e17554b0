import { invalidArgument, assertIntegerIn, thresholdId } from "./validate.js";

/** A validated cap: XADD's / XTRIM's `MAXLEN|MINID =|~ threshold [LIMIT n]`. */
export interface Cap {
  kind: "MAXLEN" | "MINID";
  threshold: number | string;
  approximate: boolean;
  limit: number | undefined;
}

/**
 * Checks a cap's threshold (a non-negative integer for MAXLEN, an id for MINID) and its LIMIT
 * (a non-negative integer, only with `~`, as Redis requires).
 * @returns the cap, ready for `capArguments`.
 * @throws RedisError `INVALID_ARGUMENT`; `INVALID_ENTRY_ID` for a malformed MINID.
 */
export function checkedCap(kind: unknown, threshold: unknown, approximate: boolean, limit: unknown, operation: string, key: string, names: { threshold: string; approximate: string }): Cap {
  if (kind !== "MAXLEN" && kind !== "MINID") throw invalidArgument(operation, key, `kind must be "MAXLEN" or "MINID", got ${typeof kind === "string" ? `"${kind}"` : typeof kind}`);
  const checkedThreshold = kind === "MAXLEN" ? maxLen(threshold, operation, key, names.threshold) : thresholdId(threshold, operation, key);
  if (limit !== undefined) {
    assertIntegerIn(limit, 0, Number.MAX_SAFE_INTEGER, operation, key, "limit");
    if (!approximate) throw invalidArgument(operation, key, `limit needs ${names.approximate} (Redis allows LIMIT only with "~" trimming)`);
  }
  return { kind, threshold: checkedThreshold, approximate, limit };
}

function maxLen(value: unknown, operation: string, key: string, what: string): number {
  assertIntegerIn(value, 0, Number.MAX_SAFE_INTEGER, operation, key, what);
  return value;
}

/** The cap as command arguments: `MAXLEN|MINID =|~ threshold [LIMIT n]`. */
export function capArguments(cap: Cap): Array<string | number> {
  const args: Array<string | number> = [cap.kind, cap.approximate ? "~" : "=", cap.threshold];
  if (cap.limit !== undefined) args.push("LIMIT", cap.limit);
  return args;
}
