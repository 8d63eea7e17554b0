/**
 * The tracking set-up sent on the cache's own dedicated connections (not through `send`: they
 * configure those connections themselves, see `link.ts`). Each is `[name, ...args]`.
 */
export type RawCommand = readonly [string, ...string[]];

/** `CLIENT ID`: the connection's id, the `REDIRECT` target. */
export const CLIENT_ID: RawCommand = ["CLIENT", "ID"];

/** `CLIENT TRACKING on REDIRECT id`: keys this connection reads are tracked; invalidations go to `id`. */
export function TRACKING_REDIRECT(id: number): RawCommand {
  return ["CLIENT", "TRACKING", "on", "REDIRECT", String(id)];
}

/** `CLIENT TRACKING on REDIRECT id BCAST [PREFIX prefix]`: every change of a key under `prefix` ('' for all keys) is sent to `id`. */
export function TRACKING_BROADCAST(id: number, prefix: string): RawCommand {
  return prefix === "" ? ["CLIENT", "TRACKING", "on", "REDIRECT", String(id), "BCAST"] : ["CLIENT", "TRACKING", "on", "REDIRECT", String(id), "BCAST", "PREFIX", prefix];
}

/** The channel Redis sends RESP2 tracking invalidations on. */
export const INVALIDATE_CHANNEL = "__redis__:invalidate";

/** The global channel `invalidate` and `clear` publish on in the tracking and broadcast modes. */
export const CACHE_CHANNEL = "redis-interface:cache:invalidate";
