import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A random idempotency key (what a client would send). */
export function newKey(): string {
  return `key-${randomBytes(8).toString("hex")}`;
}

/** The base URL of a listening server. */
export function baseUrl(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** What a test reads of a response: status, headers, body bytes. */
export interface Received {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Buffer;
}

/** Sends a request with node's fetch and reads the whole body. */
export async function send(url: string, init: { method?: string; key?: string; json?: unknown; headers?: Record<string, string> } = {}): Promise<Received> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.key !== undefined) headers["idempotency-key"] = init.key;
  if (init.json !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(url, { method: init.method ?? "POST", headers, body: init.json === undefined ? undefined : JSON.stringify(init.json) });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

/** Headers that a replay must repeat (everything but those the server sets per response). */
export function replayable(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!["date", "connection", "keep-alive", "transfer-encoding", "content-length", "idempotent-replayed"].includes(name)) kept[name] = value;
  });
  return kept;
}
