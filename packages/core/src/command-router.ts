import type { RedisCommand } from "./command.js";
import type { BlockingOptions, RedisConnection } from "./connection.js";
import type { KeyResolver } from "./keys.js";

/**
 * The method views forward described commands through: the pool resolves the command's keys with
 * the view's `keys` (not its own) and hands `through` (the view) to `transform`. A symbol, so it is
 * not part of the public surface; `Symbol.for`, so views and pools from two copies of core agree.
 */
export const SEND_THROUGH: unique symbol = Symbol.for("@redis-interface/core.sendThrough") as never;

/** A connection that can send a described command under another connection's names. */
export interface CommandRouter {
  [SEND_THROUGH]<R>(operation: string, command: RedisCommand<R>, keys: KeyResolver, through: RedisConnection, blocking: BlockingOptions | undefined): Promise<R>;
}
