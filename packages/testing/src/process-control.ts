import type { ChildProcess } from "node:child_process";
import { connectionRefused } from "./probe.js";
import { waitFor } from "./wait-for.js";

/** Grace period before a graceful stop escalates to SIGKILL. */
export const STOP_GRACE_MS = 5_000;

/**
 * Tells whether a child process has already exited (and been reaped by Node).
 * @returns `true` once Node has seen the child's exit.
 * @throws never.
 */
export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Waits for a child process to exit.
 * @returns a promise that resolves when Node has reaped the child (immediately if it already
 *   has); never rejects.
 * @throws never.
 */
export function waitForExit(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
  });
}

/**
 * Sends a signal to a pid, ignoring "no such process".
 * @returns `true` if the signal was delivered, `false` if the process no longer exists.
 * @throws Error from `process.kill` for anything other than ESRCH (e.g. EPERM).
 */
export function sendSignal(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw error;
  }
}

/**
 * Ends a child gracefully: SIGCONT (in case it is frozen), then `end()` (which sends the graceful
 * signal), escalating to SIGKILL after {@link STOP_GRACE_MS}.
 * @param end sends the graceful signal and may wait for it; its errors are ignored.
 * @returns a promise that resolves once the child has exited; never rejects.
 * @throws never.
 */
export async function endGracefully(
  child: ChildProcess,
  pid: number,
  end: () => Promise<unknown>,
): Promise<void> {
  if (hasExited(child)) return;
  const exited = waitForExit(child);
  sendSignal(pid, "SIGCONT");
  const escalation = setTimeout(() => {
    if (!hasExited(child)) sendSignal(pid, "SIGKILL");
  }, STOP_GRACE_MS);
  try {
    await end();
  } catch {
    // the escalation timer still guarantees the exit
  }
  try {
    await exited;
  } finally {
    clearTimeout(escalation);
  }
}

/**
 * SIGKILLs a child and waits until it has exited.
 * @returns a promise that resolves once the child has been reaped; never rejects.
 * @throws never.
 */
export async function killNow(child: ChildProcess, pid: number): Promise<void> {
  if (hasExited(child)) return;
  const exited = waitForExit(child);
  sendSignal(pid, "SIGKILL");
  await exited;
}

/**
 * Waits until nothing accepts TCP connections on `host:port` any more.
 * @returns a promise that resolves once a connection attempt is refused.
 * @throws Error from {@link waitFor} if connections are still accepted after 10 s.
 */
export function waitForPortClosed(host: string, port: number): Promise<void> {
  return waitFor(() => connectionRefused(host, port, 500), {
    timeoutMs: 10_000,
    description: `${host}:${port} to refuse connections`,
  });
}
