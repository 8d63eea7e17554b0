import { RedisError } from "./errors.js";

const GLOB_SPECIALS = /[*?[\]\\]/g;

/**
 * The one key-resolution path of every feature package: how a view turns the names a caller
 * writes (keys, stream names, channels, patterns) into the names Redis sees, and back.
 * The prefix is `""` or ends with `:` (`"tenant:"`, `"app:{t1}:"`).
 */
export class KeyResolver {
  /** A resolver that leaves names untouched. */
  static readonly none = new KeyResolver("");

  private constructor(
    readonly prefix: string,
    /**
     * Where reads that miss under `prefix` look next (a tenant view with a legacy-key fallback:
     * the same name without the tenant's segment), for the names `fallsBack` accepts only.
     * Writes never use it.
     */
    readonly fallback?: KeyResolver,
    private readonly fallbackNames?: (name: string) => boolean,
  ) {}

  /**
   * A resolver whose names get `segment:` (or `{segment}:` with `hashTag`, so that all its keys
   * share one cluster slot) after this resolver's own prefix. `''` adds nothing. With
   * `fallbackFor`, the new resolver's `fallback` is this resolver, for the names `fallbackFor`
   * accepts (reads of them that miss retry the name without `segment`); an existing fallback is
   * extended by `segment` alike, accepting a name when the old one accepted `segment:name`.
   * @throws RedisError `INVALID_ARGUMENT` when `segment` is not a string or `fallbackFor` not a function.
   */
  extend(segment: string, options: { hashTag?: boolean; fallbackFor?: (name: string) => boolean } = {}): KeyResolver {
    if (typeof segment !== "string") {
      throw new RedisError("INVALID_ARGUMENT", { operation: "withKeyPrefix", message: `prefix must be a string, got ${typeof segment}` });
    }
    const { fallbackFor } = options;
    if (fallbackFor !== undefined && typeof fallbackFor !== "function") {
      throw new RedisError("INVALID_ARGUMENT", { operation: "withKeyPrefix", message: `fallbackFor must be a function, got ${typeof fallbackFor}` });
    }
    if (segment === "") return this;
    const added = options.hashTag ? `{${segment}}:` : `${segment}:`;
    const prefix = `${this.prefix}${added}`;
    if (fallbackFor !== undefined) return new KeyResolver(prefix, this, fallbackFor);
    if (this.fallback === undefined) return new KeyResolver(prefix);
    return new KeyResolver(prefix, this.fallback.extend(segment, { hashTag: options.hashTag }), (name) => this.fallsBack(added + name));
  }

  /** Whether a read of the caller's `name` that misses under this resolver may be sent again under `fallback`. */
  fallsBack(name: string): boolean {
    return this.fallbackNames !== undefined && this.fallbackNames(name);
  }

  /** The name Redis stores for `key` (also used for stream names and channels). */
  key(key: string): string {
    return this.prefix === "" ? key : this.prefix + key;
  }

  /** `keys` resolved one by one, in order. */
  keysOf(keys: readonly string[]): string[] {
    return this.prefix === "" ? [...keys] : keys.map((key) => this.prefix + key);
  }

  /** A SCAN/PSUBSCRIBE glob matching `pattern` under this prefix only (glob characters of the prefix escaped). */
  pattern(pattern: string): string {
    return this.prefix.replace(GLOB_SPECIALS, "\\$&") + pattern;
  }

  /** The caller's name for a name Redis returned (prefix removed); names outside the prefix come back unchanged. */
  strip(name: string): string {
    return this.prefix !== "" && name.startsWith(this.prefix) ? name.slice(this.prefix.length) : name;
  }
}
