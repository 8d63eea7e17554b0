/** The HTTP response an adapter stores as the idempotent value (codec-independent: body as base64). */
export interface StoredHttpResponse {
  readonly status: number;
  /** Lower-case names; a repeated header as an array. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  /** The body's bytes, base64. */
  readonly body: string;
}

/**
 * Headers never stored nor replayed: hop-by-hop ones (RFC 9110 §7.6.1), `date` (the replay gets
 * its own), `content-length` (set again from the same bytes), and `set-cookie` (a session must
 * not be handed to whoever presents the key again).
 */
const NOT_REPLAYED = new Set(["connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "date", "content-length", "set-cookie"]);

/** The response to store: status, the replayable headers, the body bytes. */
export function storedResponse(status: number, headers: Readonly<Record<string, unknown>>, body: Buffer): StoredHttpResponse {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (NOT_REPLAYED.has(lower) || value === undefined) continue;
    kept[lower] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return { status, headers: kept, body: body.toString("base64") };
}

/** The header a replayed response carries. */
export const REPLAYED_HEADER = "Idempotent-Replayed";

/** A stored response's body bytes. */
export function bodyOf(response: StoredHttpResponse): Buffer {
  return Buffer.from(response.body, "base64");
}

/**
 * The route answered with a server error (5xx): the request counts as failed, as if the handler
 * had thrown (nothing stored, lease released) unless `storeError` keeps it. Carries the response,
 * which is still sent to this client.
 */
export class ServerErrorResponse extends Error {
  override readonly name = "ServerErrorResponse";
  constructor(readonly response: StoredHttpResponse) {
    super(`the route answered ${response.status}`);
  }
}

/** Whether a captured response counts as the handler failing. */
export function isServerError(status: number): boolean {
  return status >= 500;
}
