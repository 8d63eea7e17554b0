import { spawn, type ChildProcess } from "node:child_process";
import { Socket } from "node:net";

/**
 * Source of the watchdog process. It reads `+pid N` / `-pid N` lines on stdin. A clean end is
 * `bye` followed by EOF. EOF without `bye` means the parent died (a pipe closes when its owner
 * exits, even on SIGKILL): the watchdog then SIGKILLs every pid still registered and removes the
 * scratch directory given as first argument. It ignores SIGINT/SIGTERM/SIGHUP so that a Ctrl-C
 * sent to the whole process group does not kill it before it has done its job.
 */
const WATCHDOG_SOURCE = `
const fs = require("fs");
const root = process.argv[1];
const pids = new Set();
let buffered = "";
let bye = false;
for (const s of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(s, () => {});
const alive = (pid) => {
  try { process.kill(pid, 0); } catch (e) { return e.code === "EPERM"; }
  // orphans of a dead parent may linger as zombies until init reaps them: those are dead
  try { return !/^\\d+ \\(.*\\) Z/s.test(fs.readFileSync("/proc/" + pid + "/stat", "utf8")); }
  catch (e) { return e.code !== "ENOENT"; }
};
const finish = () => {
  if (bye) process.exit(0);
  for (const pid of pids) { try { process.kill(pid, "SIGKILL"); } catch {} }
  const deadline = Date.now() + 3000;
  const tick = () => {
    if ([...pids].some(alive) && Date.now() < deadline) return setTimeout(tick, 20);
    try { if (root) fs.rmSync(root, { recursive: true, force: true }); } catch {}
    process.exit(0);
  };
  tick();
};
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  buffered += chunk;
  let i;
  while ((i = buffered.indexOf("\\n")) >= 0) {
    const line = buffered.slice(0, i);
    buffered = buffered.slice(i + 1);
    if (line === "bye") bye = true;
    else if (line.startsWith("+pid ")) pids.add(Number(line.slice(5)));
    else if (line.startsWith("-pid ")) pids.delete(Number(line.slice(5)));
  }
});
process.stdin.on("end", finish);
process.stdin.on("error", finish);
`;

/** A handle on a running watchdog process. */
export interface Watchdog {
  /** Registers a pid to SIGKILL if this process dies. */
  add(pid: number): void;
  /** Unregisters a pid. */
  remove(pid: number): void;
  /** Ends the watchdog cleanly (nothing is killed or removed). */
  close(): void;
}

/**
 * Spawns a watchdog process (a tiny `node -e` script) that outlives this process by a moment:
 * if this process dies while pids are registered, it SIGKILLs them and removes `scratchRoot`.
 * The child and its pipe are unref'd, so they never keep this process alive.
 * @returns a {@link Watchdog}, or `undefined` if the process could not be spawned.
 * @throws never.
 */
export function spawnWatchdog(scratchRoot: string): Watchdog | undefined {
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, ["-e", WATCHDOG_SOURCE, scratchRoot], {
      stdio: ["pipe", "ignore", "ignore"],
      windowsHide: true,
    });
  } catch {
    return undefined;
  }
  child.on("error", () => undefined);
  const stdin = child.stdin;
  if (stdin === null) return undefined;
  stdin.on("error", () => undefined);
  child.unref();
  if (stdin instanceof Socket) stdin.unref();
  let open = true;
  const send = (line: string): void => {
    if (open) stdin.write(`${line}\n`);
  };
  return {
    add: (pid) => send(`+pid ${pid}`),
    remove: (pid) => send(`-pid ${pid}`),
    close: () => {
      if (!open) return;
      send("bye");
      open = false;
      stdin.end();
    },
  };
}
