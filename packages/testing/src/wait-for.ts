import { sleep } from "./sleep.js";
import type { WaitForOptions } from "./types.js";

const TIMED_OUT = Symbol("timed out");

/**
 * Polls `condition` until it returns (or resolves to) `true`.
 *
 * A condition that throws or rejects counts as "not yet". A condition still pending at the
 * deadline is abandoned (its promise is left to settle on its own).
 * @param condition evaluated immediately, then every `intervalMs` (default 25) milliseconds.
 * @param options `timeoutMs` (default 30000), `intervalMs`, `description` (named in the error).
 * @returns a promise that resolves as soon as the condition is true.
 * @throws Error `Timed out after N ms waiting for <description>` once the deadline passed; its
 *   `cause` is the last error thrown by the condition, if any.
 */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  options: WaitForOptions = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const intervalMs = options.intervalMs ?? 25;
  const description = options.description ?? "condition";
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let hasError = false;

  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    try {
      const result = await raceDeadline(condition, remaining);
      if (result === true) return;
      if (result !== TIMED_OUT) {
        hasError = false;
        lastError = undefined;
      }
    } catch (error) {
      hasError = true;
      lastError = error;
    }
    const left = deadline - Date.now();
    if (left <= 0) break;
    await sleep(Math.min(intervalMs, left));
  }

  const suffix = hasError ? `: last error: ${errorMessage(lastError)}` : "";
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${description}${suffix}`,
    hasError ? { cause: lastError } : undefined,
  );
}

async function raceDeadline(
  condition: () => boolean | Promise<boolean>,
  remainingMs: number,
): Promise<boolean | typeof TIMED_OUT> {
  const value = condition();
  if (typeof value === "boolean") return value;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), remainingMs);
  });
  try {
    return await Promise.race([Promise.resolve(value), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
