/**
 * `JSON.parse` that never rounds an integer: a number written without fraction or exponent whose
 * value lies outside ±(2^53 - 1) comes back as a `bigint` (Rust's `i64`/`u64` amounts, written by
 * serde_json as bare integers). Text without such a number takes `JSON.parse` itself.
 */

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/**
 * Parses JSON text like `JSON.parse` (no reviver), except that integers outside the safe range
 * become `bigint`.
 * @throws SyntaxError for text that is not JSON (the message names a position, never the text).
 */
export function parseJsonLossless(text: string): unknown {
  if (!mayHoldBigInteger(text)) return JSON.parse(text);
  return parseWithBigIntegers(text);
}

/** The lossless parser itself, for a caller that already knows `mayHoldBigInteger(text)`. */
export function parseWithBigIntegers(text: string): unknown {
  return new LosslessParser(text).parse();
}

/**
 * Whether `text` may hold an integer beyond 2^53 (false: `JSON.parse` reads it exactly): a run of
 * 16 digits where a JSON value can start (the text's start, after `[`, `,` or `:`, then whitespace
 * and a `-`). Every integer beyond 2^53 has one; digits inside strings (`"amount":"123…"`, ids)
 * rarely do. Looks at one character in 16, no regular expression.
 */
export function mayHoldBigInteger(text: string): boolean {
  // Every run of 16 digits covers a position i ≡ 15 (mod 16): only those are probed, then widened.
  for (let i = 15; i < text.length; i += 16) {
    if (!isDigit(text.charCodeAt(i))) continue;
    let start = i;
    while (start > 0 && isDigit(text.charCodeAt(start - 1))) start--;
    let end = i + 1;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    if (end - start >= 16 && startsValue(text, start)) return true;
    i += 16 * Math.floor((end - 1 - i) / 16); // the rest of this run is already known
  }
  return false;
}

function isDigit(char: number): boolean {
  return char >= 0x30 && char <= 0x39;
}

/** Whether a number starting at `start` sits where a JSON value starts. */
function startsValue(text: string, start: number): boolean {
  let i = start - 1;
  if (text.charCodeAt(i) === 0x2d /* - */) i--;
  for (;;) {
    const char = text.charCodeAt(i);
    if (char !== 0x20 && char !== 0x0a && char !== 0x0d && char !== 0x09) return i < 0 || char === 0x5b || char === 0x3a || char === 0x2c;
    i--;
  }
}

type Container = unknown[] | Record<string, unknown>;

class LosslessParser {
  private at = 0;

  constructor(private readonly text: string) {}

  /** Iterative (an explicit stack of open containers), so deep nesting cannot overflow the call stack. */
  parse(): unknown {
    const open: Container[] = [];
    const keys: string[] = [];
    for (;;) {
      let value: unknown;
      this.skipWhitespace();
      const char = this.text.charCodeAt(this.at);
      if (char === 0x7b /* { */ || char === 0x5b /* [ */) {
        const closing = char === 0x7b ? 0x7d : 0x5d;
        this.at++;
        this.skipWhitespace();
        if (this.text.charCodeAt(this.at) === closing) {
          this.at++;
          value = char === 0x7b ? {} : [];
        } else {
          open.push(char === 0x7b ? {} : []);
          keys.push(char === 0x7b ? this.key() : "");
          continue;
        }
      } else {
        value = this.scalar(char);
      }
      // A value is complete: add it to its container, then close every container that ends here.
      for (;;) {
        const container = open[open.length - 1];
        if (container === undefined) {
          this.skipWhitespace();
          if (this.at !== this.text.length) throw this.unexpected();
          return value;
        }
        if (Array.isArray(container)) container.push(value);
        else setOwn(container, keys[keys.length - 1], value);
        this.skipWhitespace();
        const next = this.text.charCodeAt(this.at);
        if (next === 0x2c /* , */) {
          this.at++;
          if (!Array.isArray(container)) {
            this.skipWhitespace();
            keys[keys.length - 1] = this.key();
          }
          break;
        }
        if (next !== (Array.isArray(container) ? 0x5d : 0x7d)) throw this.unexpected();
        this.at++;
        value = open.pop();
        keys.pop();
      }
    }
  }

  private scalar(char: number): unknown {
    if (char === 0x22 /* " */) return this.string();
    if (char === 0x74 && this.text.startsWith("true", this.at)) return this.literal(4, true);
    if (char === 0x66 && this.text.startsWith("false", this.at)) return this.literal(5, false);
    if (char === 0x6e && this.text.startsWith("null", this.at)) return this.literal(4, null);
    NUMBER.lastIndex = this.at;
    const match = NUMBER.exec(this.text);
    if (match === null) throw this.unexpected();
    this.at += match[0].length;
    const token = match[0];
    const number = Number(token);
    if (match[1] === undefined && match[2] === undefined && !Number.isSafeInteger(number)) return BigInt(token);
    return number;
  }

  private literal<T>(length: number, value: T): T {
    this.at += length;
    return value;
  }

  /** An object key and the `:` after it. */
  private key(): string {
    if (this.text.charCodeAt(this.at) !== 0x22) throw this.unexpected();
    const key = this.string();
    this.skipWhitespace();
    if (this.text.charCodeAt(this.at) !== 0x3a /* : */) throw this.unexpected();
    this.at++;
    return key;
  }

  /** A string token; escapes are left to `JSON.parse` of the token alone. */
  private string(): string {
    const start = this.at;
    let escaped = false;
    for (let i = start + 1; i < this.text.length; i++) {
      const char = this.text.charCodeAt(i);
      if (char === 0x22) {
        this.at = i + 1;
        return escaped ? (JSON.parse(this.text.slice(start, i + 1)) as string) : this.text.slice(start + 1, i);
      }
      if (char === 0x5c /* \ */) {
        escaped = true;
        i++;
      } else if (char < 0x20) {
        this.at = i;
        throw this.unexpected();
      }
    }
    this.at = this.text.length;
    throw this.unexpected();
  }

  private skipWhitespace(): void {
    for (;;) {
      const char = this.text.charCodeAt(this.at);
      if (char !== 0x20 && char !== 0x0a && char !== 0x0d && char !== 0x09) return;
      this.at++;
    }
  }

  private unexpected(): SyntaxError {
    return new SyntaxError(this.at >= this.text.length ? "Unexpected end of JSON input" : `Unexpected character in JSON at position ${this.at}`);
  }
}

/** `JSON.parse` makes `__proto__` an own property; a plain assignment would set the prototype. */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}
