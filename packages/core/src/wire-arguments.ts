import type { RedisArgument, RedisCommand } from "./command.js";
import { keySlot } from "./cluster-slots.js";
import { RedisError } from "./errors.js";
import type { KeyResolver } from "./keys.js";

/**
 * The arguments of `command` as Redis receives them: each key resolved through `keys` (the
 * view's prefix). On a cluster, the keys must share one slot.
 * @returns `command.args` itself when nothing is prefixed, else a copy.
 * @throws RedisError `INVALID_ARGUMENT` for a key that is not a non-empty string; `CROSS_SLOT`
 * when a cluster command's keys hash to different slots (before any I/O).
 */
export function wireArguments(operation: string, command: RedisCommand<unknown>, keys: KeyResolver, cluster: boolean): readonly RedisArgument[] {
  const indexes = command.keys;
  const source = command.args;
  const prefixed = keys.prefix !== "";
  const wire = prefixed ? source.slice() : source;
  for (let position = 0; position < indexes.length; position++) {
    const index = indexes[position] as number;
    const key = source[index];
    if (typeof key !== "string" || key === "") {
      throw new RedisError("INVALID_ARGUMENT", { operation, message: `${command.name} argument ${index} is a key and must be a non-empty string` });
    }
    if (prefixed) (wire as RedisArgument[])[index] = keys.prefix + key;
  }
  if (cluster && indexes.length > 1) assertOneSlot(operation, command, wire);
  return wire;
}

function assertOneSlot(operation: string, command: RedisCommand<unknown>, wire: readonly RedisArgument[]): void {
  const indexes = command.keys;
  const slot = keySlot(wire[indexes[0] as number] as string);
  for (let position = 1; position < indexes.length; position++) {
    if (keySlot(wire[indexes[position] as number] as string) === slot) continue;
    const names = indexes.map((index) => `"${command.args[index] as string}"`).join(", ");
    throw new RedisError("CROSS_SLOT", {
      operation,
      key: command.args[indexes[0] as number] as string,
      message: `keys ${names} hash to different cluster slots; one ${command.name} can only name keys of one slot: give them a common hash tag (e.g. "{payments}:a", "{payments}:b") or send them separately`,
    });
  }
}
