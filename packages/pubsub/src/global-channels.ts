import { assertName, describeArgument, invalidArgument } from "@redis-interface/core/internal";

/**
 * Checks the `globalChannels` option: undefined, or an array of non-empty strings.
 * @returns the names as a set (empty for undefined).
 * @throws RedisError `INVALID_ARGUMENT` naming `globalChannels` (and the bad element's index).
 */
export function globalChannelSet(channels: unknown): ReadonlySet<string> {
  if (channels === undefined) return new Set();
  if (!Array.isArray(channels)) throw invalidArgument("pubsub", undefined, `globalChannels must be an array of channel names, got ${describeArgument(channels)}`);
  const names = channels as unknown[];
  names.forEach((name, index) => assertName(name, "pubsub", undefined, `globalChannels[${index}]`));
  return new Set(names as string[]);
}
