import type { RedisCodec } from "./codec.js";
import { codecFromChoice } from "./codec-choice.js";
import type { RedisConnection } from "./connection.js";
import { invalidArgument } from "./validate.js";
import { RedisConnectionView } from "./view.js";

/**
 * A connection (pool, prefixed or tenant view) seen with another codec: same connections, names
 * and close signal; only `codec` differs, and so what every package encodes and decodes through it
 * (described commands hand it to `transform` as `through`).
 */
class CodecView extends RedisConnectionView {
  constructor(
    private readonly base: RedisConnection,
    private readonly ownCodec: RedisCodec,
  ) {
    super(base, base.keys);
  }

  override get codec(): RedisCodec {
    return this.ownCodec;
  }

  override withKeyPrefix(prefix: string, options?: { hashTag?: boolean }): RedisConnection {
    return new CodecView(this.base.withKeyPrefix(prefix, options), this.ownCodec);
  }
}

/**
 * `connection` with the codec `choice` names (a feature package's `codec` option); `connection`
 * itself when the choice is undefined or already its codec. No I/O.
 * @throws RedisError `INVALID_ARGUMENT` naming `operation` when `choice` names no codec.
 */
export function withCodec(connection: RedisConnection, choice: unknown, operation: string): RedisConnection {
  if (choice === undefined) return connection;
  const codec = codecFromChoice(choice, (problem) => invalidArgument(operation, undefined, `codec ${problem}`));
  // Anything else is left to bindOperations, which names what it got.
  if (typeof connection !== "object" || connection === null || codec === connection.codec) return connection;
  return new CodecView(connection, codec);
}
