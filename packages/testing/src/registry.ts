import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnWatchdog, type Watchdog } from "./watchdog.js";

const ROOT_PREFIX = "redis-interface-testing-";

/** Pids of redis-server processes started by this module that may still be running. */
const livePids = new Set<number>();
let exitHookInstalled = false;
let watchdog: Watchdog | undefined;
let scratchRoot: string | undefined;

/**
 * Records a redis-server pid as live: it is SIGKILLed by a `process.on("exit")` hook and, should
 * this process die abruptly (or run inside Jest, whose sandboxed `process` never emits "exit"),
 * by a watchdog process.
 * @returns nothing.
 * @throws never.
 */
export function trackProcess(pid: number): void {
  livePids.add(pid);
  installExitHook();
  if (watchdog === undefined) watchdog = spawnWatchdog(getScratchRoot());
  watchdog?.add(pid);
}

/**
 * Forgets a pid once its process has exited; the watchdog ends when nothing is tracked.
 * @returns nothing.
 * @throws never.
 */
export function untrackProcess(pid: number): void {
  if (!livePids.delete(pid)) return;
  watchdog?.remove(pid);
  if (livePids.size === 0 && watchdog !== undefined) {
    watchdog.close();
    watchdog = undefined;
  }
}

/**
 * Creates a fresh directory under this process's scratch root
 * (`<tmpdir>/redis-interface-testing-<pid>`).
 * @returns the absolute directory path.
 * @throws Error from the file system if the directory cannot be created.
 */
export function makeScratchDir(label: string): string {
  const root = getScratchRoot();
  mkdirSync(root, { recursive: true });
  return mkdtempSync(join(root, `${label}-`));
}

function getScratchRoot(): string {
  if (scratchRoot === undefined) {
    sweepStaleRoots();
    scratchRoot = join(tmpdir(), `${ROOT_PREFIX}${process.pid}`);
  }
  return scratchRoot;
}

/** Removes scratch roots left behind by processes that no longer exist. */
function sweepStaleRoots(): void {
  let entries: string[];
  try {
    entries = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(ROOT_PREFIX)) continue;
    const pid = Number(entry.slice(ROOT_PREFIX.length));
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isAlive(pid)) continue;
    try {
      rmSync(join(tmpdir(), entry), { recursive: true, force: true });
    } catch {
      // another process may be sweeping it at the same time
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const pid of livePids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    livePids.clear();
    if (scratchRoot !== undefined) {
      try {
        rmSync(scratchRoot, { recursive: true, force: true });
      } catch {
        // best effort: a later run sweeps it
      }
    }
  });
}
