/**
 * `JSON.parse` that never rounds an integer: a number written without fraction or exponent whose
 * value lies outside ±(2^53 - 1) comes back as a `bigint` (Rust's `i64`/`u64` amounts, written by
 * serde_json as bare integers). The text is parsed by `JSON.parse` first; only when its result holds
 * a number beyond that range is it parsed again by the lossless parser.
 */

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/**
 * Parses JSON text like `JSON.parse` (no reviver), except that integers outside the safe range
 * become `bigint`.
 * @throws SyntaxError for text that is not JSON (`JSON.parse`'s).
 */
export function parseJsonLossless(text: string): unknown {
  const value: unknown = JSON.parse(text);
  return holdsUnsafeNumber(value) ? parseWithBigIntegers(text) : value;
}

/** The lossless parser itself, for valid JSON text whose `JSON.parse` result `holdsUnsafeNumber`. */
export function parseWithBigIntegers(text: string): unknown {
  return new LosslessParser(text).parse();
}

/**
 * Whether a `JSON.parse` result holds a number beyond ±(2^53 - 1) (false: `JSON.parse` read every
 * integer of the text exactly, so its result stands). Every integer JSON.parse rounded is such a
 * number; so are large floats written with an exponent, which the lossless parser then keeps as
 * numbers. Walks the parsed values (an explicit stack, no recursion): for the small records a
 * service stores that is cheaper than scanning the text before parsing it.
 */
export function holdsUnsafeNumber(value: unknown): boolean {
  const pending: object[] = [];
  if (isUnsafeOrPush(value, pending)) return true;
  while (pending.length > 0) {
    const container = pending.pop() as object;
    if (Array.isArray(container)) {
      for (let index = 0; index < container.length; index++) {
        if (isUnsafeOrPush(container[index], pending)) return true;
      }
    } else {
      const record = container as Record<string, unknown>;
      for (const key in record) {
        // `JSON.parse` makes `__proto__` an own property, which `record[key]` would not read
        const item = key === "__proto__" ? Object.getOwnPropertyDescriptor(record, key)?.value : record[key];
        if (isUnsafeOrPush(item, pending)) return true;
      }
    }
  }
  return false;
}

/** Whether `item` is a number beyond ±(2^53 - 1); a container is pushed on `pending` to be walked. */
function isUnsafeOrPush(item: unknown, pending: object[]): boolean {
  if (typeof item === "number") return item > Number.MAX_SAFE_INTEGER || item < -Number.MAX_SAFE_INTEGER;
  if (typeof item === "object" && item !== null) pending.push(item);
  return false;
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
