import { createServer } from "node:net";
import type { FindFreePortOptions } from "./types.js";

/** Loopback address every helper of this package binds to. */
export const LOOPBACK = "127.0.0.1";

const CLUSTER_BUS_OFFSET = 10_000;
// Cluster ports are drawn from 10000-19999 (bus ports: 20000-29999, so a node port is never
// another node's bus port), below the Linux ephemeral range (32768+), so
// outgoing client connections never grab them between the check and redis-server's bind.
const CLUSTER_PORT_MIN = 10_000;
const CLUSTER_PORT_MAX = 19_999;
const RESERVATION_MS = 60_000;
const MAX_ATTEMPTS = 200;

/** Ports recently handed out by this module, so parallel callers never receive the same one. */
const reserved = new Map<number, number>();

/**
 * Finds a TCP port that is currently free on 127.0.0.1 (checked by listening on it).
 *
 * A returned port (and its bus port) is not handed out again by this module for 60 s.
 * @param options `withClusterBus`: also require port + 10000 to be free; the port is then
 *   chosen in 10000-19999, so bus ports (20000-29999) never collide with node ports and both stay below the ephemeral range.
 * @returns the port number.
 * @throws Error when no free port was found after 200 attempts.
 */
export async function findFreePort(options: FindFreePortOptions = {}): Promise<number> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    pruneReservations();
    if (options.withClusterBus === true) {
      const port = CLUSTER_PORT_MIN + Math.floor(Math.random() * (CLUSTER_PORT_MAX - CLUSTER_PORT_MIN + 1));
      const bus = port + CLUSTER_BUS_OFFSET;
      if (reserved.has(port) || reserved.has(bus)) continue;
      if (!(await isPortFree(port)) || !(await isPortFree(bus))) continue;
      reserve(port);
      reserve(bus);
      return port;
    }
    const port = await listenOnAnyPort();
    if (port === undefined || reserved.has(port)) continue;
    reserve(port);
    return port;
  }
  throw new Error(`findFreePort: no free port found on ${LOOPBACK} after ${MAX_ATTEMPTS} attempts`);
}

/**
 * Checks whether `port` can be bound on 127.0.0.1 right now.
 * @returns `true` if a listener could be opened (and was closed again), `false` otherwise.
 * @throws never.
 */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen({ host: LOOPBACK, port, exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

function listenOnAnyPort(): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", () => resolve(undefined));
    server.listen({ host: LOOPBACK, port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : undefined;
      server.close(() => resolve(port));
    });
  });
}

function reserve(port: number): void {
  reserved.set(port, Date.now() + RESERVATION_MS);
}

function pruneReservations(): void {
  const now = Date.now();
  for (const [port, until] of reserved) {
    if (until <= now) reserved.delete(port);
  }
}
