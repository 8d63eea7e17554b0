import { getKeyIndexes } from "@ioredis/commands";

/**
 * Commands whose only key is their first argument, whatever follows (`keyStart 1, keyStop 1` in
 * Redis's command table): `getKeyIndexes` answers `[0]` for them, so the count is 1 without calling
 * it (it allocates an array and closures per call: ~70 ns, paid on every traced command).
 * `key-count.test.ts` checks each against `getKeyIndexes`.
 */
export const FIRST_ARGUMENT_ONLY: ReadonlySet<string> = new Set([
  "get", "set", "getex", "getdel", "setex", "psetex", "setnx", "append", "strlen", "getrange", "setrange",
  "incr", "incrby", "incrbyfloat", "decr", "decrby",
  "expire", "pexpire", "expireat", "pexpireat", "persist", "ttl", "pttl", "type",
  "hget", "hset", "hsetnx", "hdel", "hgetall", "hmget", "hmset", "hexists", "hincrby", "hincrbyfloat", "hkeys", "hvals", "hlen", "hscan",
  "lpush", "rpush", "lpop", "rpop", "lrange", "llen", "lindex", "lrem", "ltrim",
  "sadd", "srem", "smembers", "sismember", "smismember", "scard", "spop", "srandmember", "sscan",
  "zadd", "zrem", "zrange", "zscore", "zcard", "zincrby", "zrangebyscore", "zrevrange", "zcount", "zscan",
  "xadd", "xlen", "xrange", "xrevrange", "xdel", "xtrim", "xack", "xpending", "xclaim", "xautoclaim", "xsetid",
]);

/** Commands whose every argument is a key (`keyStart 1, keyStop -1, step 1`). */
export const EVERY_ARGUMENT: ReadonlySet<string> = new Set(["del", "exists", "mget", "unlink", "touch"]);

/**
 * How many keys command `name` (lower case) names in `args` from index `from` on, as ioredis's
 * `getKeyIndexes` counts them (nested arrays flattened, as ioredis sends them); 0 for a command
 * it does not know (a module's).
 */
export function countKeys(name: string, args: readonly unknown[], from: number): number {
  if (FIRST_ARGUMENT_ONLY.has(name)) return 1;
  const plain = isPlain(args, from);
  if (plain && EVERY_ARGUMENT.has(name)) return args.length - from;
  try {
    const sent = plain ? (from === 0 ? args : args.slice(from)) : flatten(args.slice(from), []);
    return getKeyIndexes(name, sent as Array<string | Buffer | number>).length;
  } catch {
    return 0;
  }
}

function isPlain(args: readonly unknown[], from: number): boolean {
  for (let index = from; index < args.length; index++) {
    const arg = args[index];
    if (typeof arg !== "string" && typeof arg !== "number") return false;
  }
  return true;
}

/** The arguments as Redis receives them: nested arrays flattened, a trailing callback dropped. */
function flatten(args: readonly unknown[], into: Array<string | Buffer | number>): Array<string | Buffer | number> {
  for (const arg of args) {
    if (Array.isArray(arg)) flatten(arg, into);
    else if (typeof arg === "string" || typeof arg === "number" || Buffer.isBuffer(arg)) into.push(arg);
    else if (typeof arg !== "function") into.push(String(arg));
  }
  return into;
}
