import type { RedisArgument, RedisCommand } from "./command.js";
import { keySlot } from "./cluster-slots.js";
import { RedisError } from "./errors.js";
import type { KeyResolver } from "./keys.js";

/** One argument as it is written: numbers are already decimal strings. */
export type WireArgument = string | Buffer;

/**
 * The arguments of `command` as Redis receives them: each key resolved through `keys` (the
 * view's prefix), numbers as decimal strings. On a cluster, the keys must share one slot.
 * @returns `command.args` itself when nothing changes (no prefix, no number), else a copy: the
 * description is never modified.
 * @throws RedisError `INVALID_ARGUMENT` for a key that is not a non-empty string or an argument
 * that is not a string, a number or a Buffer; `CROSS_SLOT` when a cluster command's keys hash to
 * different slots (before any I/O).
 */
export function wireArguments(operation: string, command: RedisCommand<unknown>, keys: KeyResolver, cluster: boolean): readonly WireArgument[] {
  const wire = prefixedArguments(operation, command, keys);
  if (cluster) wireSlot(operation, command, wire);
  return wire;
}

/** `wireArguments` without the slot check (the cluster path computes the slot itself, once). */
export function prefixedArguments(operation: string, command: RedisCommand<unknown>, keys: KeyResolver): readonly WireArgument[] {
  const source = command.args;
  const indexes = command.keys;
  const prefix = keys.prefix;
  let wire: WireArgument[] | undefined;
  for (let position = 0; position < indexes.length; position++) {
    const index = indexes[position] as number;
    const key = source[index];
    if (typeof key !== "string" || key === "") {
      throw new RedisError("INVALID_ARGUMENT", { operation, message: `${command.name} argument ${index} is a key and must be a non-empty string` });
    }
    if (prefix !== "") {
      wire ??= source.slice() as WireArgument[];
      wire[index] = prefix + key;
    }
  }
  for (let index = 0; index < source.length; index++) {
    const arg = source[index];
    if (typeof arg === "string") continue;
    if (typeof arg === "number") {
      wire ??= source.slice() as WireArgument[];
      wire[index] = decimal(arg);
    } else if (!(arg instanceof Buffer)) {
      throw new RedisError("INVALID_ARGUMENT", { operation, message: `${command.name} argument ${index} is ${typeOf(arg)}; expected a string, a number or a Buffer` });
    }
  }
  return wire ?? (source as readonly WireArgument[]);
}

/**
 * The cluster slot of the keys of `command` (`wire` from `prefixedArguments`), or `undefined`
 * when it names no key (ioredis then finds the slot itself, e.g. of SPUBLISH's channel).
 * @throws RedisError `CROSS_SLOT` when its keys hash to different slots.
 */
export function wireSlot(operation: string, command: RedisCommand<unknown>, wire: readonly WireArgument[]): number | undefined {
  const indexes = command.keys;
  if (indexes.length === 0) return undefined;
  const slot = keySlot(wire[indexes[0] as number] as string);
  for (let position = 1; position < indexes.length; position++) {
    if (keySlot(wire[indexes[position] as number] as string) !== slot) throw crossSlot(operation, command);
  }
  return slot;
}

/** True when `args` holds a Buffer (the command is then written as bytes, not as a string). */
export function hasBuffer(args: readonly WireArgument[]): boolean {
  for (let index = 0; index < args.length; index++) if (typeof args[index] !== "string") return true;
  return false;
}

function crossSlot(operation: string, command: RedisCommand<unknown>): RedisError {
  const indexes = command.keys;
  const names = indexes.map((index) => `"${command.args[index] as string}"`).join(", ");
  return new RedisError("CROSS_SLOT", {
    operation,
    key: command.args[indexes[0] as number] as string,
    message: `keys ${names} hash to different cluster slots; one ${command.name} can only name keys of one slot: give them a common hash tag (e.g. "{payments}:a", "{payments}:b") or send them separately`,
  });
}

/** A number as Redis reads it: integers beyond 2^53 in full (as ioredis writes them), others as `String` does. */
function decimal(value: number): string {
  return Number.isInteger(value) && !Number.isSafeInteger(value) ? BigInt(value).toString() : String(value);
}

/** The type of a bad argument, never its value (it may be a stored value). */
function typeOf(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}
