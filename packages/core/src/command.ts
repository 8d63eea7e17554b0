import type { RedisConnection } from "./connection.js";
import type { KeyResolver } from "./keys.js";
import type { LuaScript } from "./lua.js";

/** One argument of a Redis command as it goes on the wire. */
export type RedisArgument = string | number | Buffer;

/**
 * A Redis command described as data: what a feature package hands to `connection.send`.
 * Core applies the connection's key prefix to `args[keys[i]]`, checks that a cluster command's keys
 * share one slot (`CROSS_SLOT` before any I/O), publishes it on the tracing channel (name and key
 * count, never arguments), maps errors, and turns the reply into the result with `transform`.
 */
export interface RedisCommand<R = unknown> {
  /** The command name, upper case: `"SET"`, `"XREADGROUP"`. */
  readonly name: string;
  /** The arguments after the name; keys are the caller's names (unprefixed). */
  readonly args: readonly RedisArgument[];
  /** Indexes into `args` of the keys (each must be a string), in order. The first names the call in errors. */
  readonly keys: readonly number[];
  /**
   * The public result from Redis's reply; runs once, after a successful reply. `through` is the
   * connection the command went through (its `keys` strip prefixes from returned names, its
   * `codec` decodes values). Omitted: the reply itself.
   */
  readonly transform?: (reply: unknown, through: RedisConnection) => R;
  /** Bulk strings of the reply as `Buffer`s instead of UTF-8 strings (binary values). */
  readonly buffers?: boolean;
  /**
   * For reads only: tells whether a reply is a miss, so that a view with a read fallback (a tenant
   * view with `fallbackToUnprefixed`) sends the command again under the fallback's names, when the
   * fallback accepts every key of the command (`KeyResolver.fallsBack`). Never set it on a write.
   */
  readonly miss?: (reply: unknown) => boolean;
  /**
   * Set on `EVALSHA` built by `scriptCommand`: when Redis answers NOSCRIPT (the script was never
   * run), core sends the same command once more as `EVAL` with the source.
   */
  readonly script?: LuaScript;
}

/** `[0]`: the keys of a command whose only key is its first argument (shared, frozen). */
export const FIRST_KEY: readonly number[] = Object.freeze([0]);

/** `[]`: no keys (shared, frozen). */
export const NO_KEYS: readonly number[] = Object.freeze([]);

/** `[0, 1, …, count - 1]`: the keys of a command whose first `count` arguments are keys. */
export function leadingKeys(count: number, from = 0): number[] {
  const indexes = new Array<number>(count);
  for (let index = 0; index < count; index++) indexes[index] = from + index;
  return indexes;
}

/**
 * `EVALSHA sha numkeys key… arg…` for `script`, re-sent once as `EVAL` when Redis answers NOSCRIPT.
 * The keys are prefixed by the connection like every command's.
 */
export function scriptCommand<R>(
  script: LuaScript,
  keys: readonly string[],
  args: readonly RedisArgument[],
  transform?: (reply: unknown, through: RedisConnection) => R,
): RedisCommand<R> {
  const all: RedisArgument[] = [script.sha, keys.length];
  for (const key of keys) all.push(key);
  for (const arg of args) all.push(arg);
  return transform === undefined ? { name: "EVALSHA", args: all, keys: leadingKeys(keys.length, 2), script } : { name: "EVALSHA", args: all, keys: leadingKeys(keys.length, 2), script, transform };
}

/** The caller's first key of `command` (named in its errors), if it has keys. */
export function firstKey(command: RedisCommand<unknown>): string | undefined {
  const index = command.keys[0];
  return index === undefined ? undefined : (command.args[index] as string);
}

/**
 * Whether a view's read fallback may re-send `command`: it names keys, and `keys.fallsBack` accepts
 * every one of them (a fallback read names only the keys declared for it, never another's).
 */
export function fallsBackForEveryKey(command: RedisCommand<unknown>, keys: KeyResolver): boolean {
  if (command.keys.length === 0) return false;
  for (const index of command.keys) {
    const key = command.args[index];
    if (typeof key !== "string" || !keys.fallsBack(key)) return false;
  }
  return true;
}
