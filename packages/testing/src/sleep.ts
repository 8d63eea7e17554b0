/**
 * Waits for the given number of milliseconds (a poll interval, never a synchronisation device).
 * @returns a promise that resolves after `ms` milliseconds; never rejects.
 */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
