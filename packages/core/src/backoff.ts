/** The reconnect policy of a pool. */
export interface BackoffPolicy {
  /** 0 = retry forever. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Delay before reconnect attempt `attempt` (1-based): exponential in the attempt number,
 * capped at `maxDelayMs`, with "equal jitter" (a random value in the upper half) so that many
 * clients do not reconnect in lockstep.
 * @returns the delay in ms, or `null` once `maxAttempts` is exhausted.
 */
export function reconnectDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number | null {
  if (policy.maxAttempts > 0 && attempt > policy.maxAttempts) return null;
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
