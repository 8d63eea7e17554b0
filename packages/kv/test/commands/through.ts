import { KeyResolver, superjsonCodec, type RedisConnection } from "@redis-interface/core";

/**
 * What a transform is handed as `through` in these pure tests: a connection with only the parts
 * transforms read (its key resolver and codec). Any other use fails loudly.
 */
export function through(prefix = ""): RedisConnection {
  const keys = prefix === "" ? KeyResolver.none : KeyResolver.none.extend(prefix);
  return new Proxy({ keys, codec: superjsonCodec } as object, {
    get(target, property) {
      if (property in target) return (target as Record<PropertyKey, unknown>)[property];
      throw new Error(`a transform used connection.${String(property)}`);
    },
  }) as RedisConnection;
}

/** Runs `transform` of `command` on `reply` (the command must have one). */
export function transformOf<R>(command: { transform?: (reply: unknown, through: RedisConnection) => R }, reply: unknown, view = through()): R {
  if (command.transform === undefined) throw new Error("the command has no transform");
  return command.transform(reply, view);
}
