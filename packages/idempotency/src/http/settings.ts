import { assertIntegerIn, invalidArgument, optionsObject } from "@redis-interface/core/internal";

/** Options of both HTTP adapters. Unknown names are `INVALID_ARGUMENT`. */
export interface HttpIdempotencyOptions {
  /** The request header holding the key (default `"Idempotency-Key"`, case-insensitive). */
  header?: string;
  /** The methods that get idempotency (default `["POST", "PATCH"]`); others pass through untouched. */
  methods?: readonly string[];
  /**
   * When the client's connection closes before the route ended its response: how long (ms) the
   * route may still end it (and have it stored) before the request counts as failed and its lease
   * is released (default 10 000).
   */
  abandonAfterMs?: number;
}

/** Adapter options with the defaults applied. */
export interface HttpSettings {
  /** Lower case, as Node names request headers. */
  readonly header: string;
  readonly methods: ReadonlySet<string>;
  readonly abandonAfterMs: number;
}

/** The longest key accepted (the IETF draft leaves it open; Stripe and most servers use 255). */
export const MAX_KEY_LENGTH = 255;
const KNOWN: readonly string[] = ["header", "methods", "abandonAfterMs"];
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Checks the adapter options and applies the defaults.
 * @throws RedisError `INVALID_ARGUMENT` naming the bad or unknown option.
 */
export function httpSettings(options: HttpIdempotencyOptions | undefined, operation: string, extraKnown: readonly string[] = []): HttpSettings {
  const { header = "Idempotency-Key", methods = ["POST", "PATCH"], abandonAfterMs = 10_000 } = optionsObject(options, [...KNOWN, ...extraKnown], operation);
  if (typeof header !== "string" || !TOKEN.test(header)) throw invalidArgument(operation, undefined, "header must be a header name (letters, digits, '-')");
  if (!Array.isArray(methods) || methods.length === 0 || !methods.every((method) => typeof method === "string" && TOKEN.test(method))) {
    throw invalidArgument(operation, undefined, "methods must be a non-empty array of HTTP method names");
  }
  assertIntegerIn(abandonAfterMs, 0, 86_400_000, operation, undefined, "abandonAfterMs");
  return { header: header.toLowerCase(), methods: new Set(methods.map((method: string) => method.toUpperCase())), abandonAfterMs };
}

/**
 * The idempotency key of a request header value: 1 to 255 visible ASCII characters (an IETF
 * draft sf-string holds printable ASCII; a repeated header is refused).
 * @returns the key, or undefined when the value is malformed.
 */
export function headerKey(value: string | readonly string[]): string | undefined {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_KEY_LENGTH) return undefined;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code > 0x7e) return undefined;
  }
  return value;
}
