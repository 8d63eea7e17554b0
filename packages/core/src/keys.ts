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
     * Where reads that miss under `prefix` look next (a tenant view with `fallbackToUnprefixed`:
     * the same name without the tenant's segment). Writes never use it.
     */
    readonly fallback?: KeyResolver,
  ) {}

  /**
   * A resolver whose names get `segment:` (or `{segment}:` with `hashTag`, so that all its keys
   * share one cluster slot) after this resolver's own prefix. `''` adds nothing. With
   * `fallbackToUnprefixed`, the new resolver's `fallback` is this resolver (reads that miss
   * retry the name without `segment`); an existing fallback is extended by `segment` alike.
   * @throws RedisError `INVALID_ARGUMENT` when `segment` is not a string.
   */
  extend(segment: string, options: { hashTag?: boolean; fallbackToUnprefixed?: boolean } = {}): KeyResolver {
    if (typeof segment !== "string") {
      throw new RedisError("INVALID_ARGUMENT", { operation: "withKeyPrefix", message: `prefix must be a string, got ${typeof segment}` });
    }
    if (segment === "") return this;
    const fallback = options.fallbackToUnprefixed ? this : this.fallback?.extend(segment, { hashTag: options.hashTag });
    return new KeyResolver(`${this.prefix}${options.hashTag ? `{${segment}}` : segment}:`, fallback);
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
