import type { OutgoingHttpHeaders, ServerResponse } from "node:http";
import { storedResponse, type StoredHttpResponse } from "./stored-response.js";

type Callback = (error?: Error | null) => void;
type Chunk = string | Uint8Array;

/** The ServerResponse methods the capture replaces on the instance while the route runs. */
const REPLACED = ["write", "end", "writeHead", "flushHeaders"] as const;

/**
 * Holds back a Node `ServerResponse` while the route writes it: `write` chunks, `writeHead`,
 * `flushHeaders` and `end` (with or without a body) are collected instead of sent, so the response
 * can be stored before the client sees any of it. Headers set with `setHeader` stay on the
 * response. `captured` resolves at `end` with status, headers and body bytes; it rejects when the
 * connection closed and the route did not end the response within `abandonAfterMs`.
 */
export class ResponseCapture {
  readonly captured: Promise<StoredHttpResponse>;
  private readonly chunks: Buffer[] = [];
  private readonly callbacks: Callback[] = [];
  private resolve!: (response: StoredHttpResponse) => void;
  private reject!: (error: Error) => void;
  private ended = false;
  private abandonTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly res: ServerResponse,
    private readonly abandonAfterMs: number,
  ) {
    this.captured = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.captured.catch(() => undefined);
  }

  /** Replaces the response's writing methods on the instance; `res.on("close")` starts the abandon timer. */
  install(): void {
    const res = this.res as unknown as Record<string, unknown>;
    res.write = (chunk: Chunk, encoding?: BufferEncoding | Callback, callback?: Callback): boolean => {
      this.collect(chunk, encoding, callback);
      return true;
    };
    res.end = (chunk?: Chunk | Callback, encoding?: BufferEncoding | Callback, callback?: Callback): ServerResponse => {
      if (typeof chunk === "function") this.finish(undefined, undefined, chunk);
      else this.finish(chunk, encoding, callback);
      return this.res;
    };
    res.writeHead = (status: number, reason?: string | OutgoingHttpHeaders | readonly string[], headers?: OutgoingHttpHeaders | readonly string[]): ServerResponse => {
      this.res.statusCode = status;
      if (typeof reason === "string") this.res.statusMessage = reason;
      else headers = reason;
      if (Array.isArray(headers)) {
        for (let index = 0; index + 1 < headers.length; index += 2) this.res.setHeader(String(headers[index]), String(headers[index + 1]));
      } else if (headers !== undefined) {
        for (const [name, value] of Object.entries(headers as OutgoingHttpHeaders)) if (value !== undefined) this.res.setHeader(name, value);
      }
      return this.res;
    };
    res.flushHeaders = (): void => undefined;
    this.res.once("close", this.onClose);
  }

  /** Puts the response's own methods back (before sending the real response). */
  restore(): void {
    const res = this.res as unknown as Record<string, unknown>;
    for (const name of REPLACED) delete res[name];
    this.res.off("close", this.onClose);
    clearTimeout(this.abandonTimer);
  }

  /** Sends `body` with the status and headers now on the response, then calls the route's write/end callbacks. */
  send(body: Buffer): void {
    this.restore();
    const callbacks = this.callbacks.splice(0);
    this.res.end(body, () => {
      for (const callback of callbacks) callback();
    });
  }

  private readonly onClose = (): void => {
    if (this.ended) return;
    this.abandonTimer = setTimeout(() => {
      if (!this.ended) this.reject(new Error("the client connection closed and the route did not end the response"));
    }, this.abandonAfterMs);
    this.abandonTimer.unref();
  };

  private collect(chunk: Chunk | undefined, encoding: BufferEncoding | Callback | undefined, callback: Callback | undefined): void {
    if (typeof encoding === "function") callback = encoding;
    if (chunk !== undefined && chunk !== null) {
      this.chunks.push(typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8") : Buffer.from(chunk));
    }
    if (callback) this.callbacks.push(callback);
  }

  private finish(chunk: Chunk | undefined, encoding: BufferEncoding | Callback | undefined, callback: Callback | undefined): void {
    if (this.ended) return;
    this.ended = true;
    this.collect(chunk, encoding, callback);
    clearTimeout(this.abandonTimer);
    this.resolve(storedResponse(this.res.statusCode, this.res.getHeaders(), Buffer.concat(this.chunks)));
  }
}
