import { exists as isRedisCommand } from "@ioredis/commands";
import type { RedisClient } from "./connection.js";
import { FIRST_ARGUMENT_ONLY, countKeys } from "./key-count.js";

/** Where a recorder writes the names and key counts of the commands sent through it. */
export interface CommandLog {
  /** `NO_COMMANDS` until the first command (most calls send one: no array grown for it). */
  commands: string[];
  keyCount: number;
}

/** The `commands` of a log that recorded nothing yet (shared, frozen). */
export const NO_COMMANDS = Object.freeze([]) as unknown as string[];

/** A client whose command methods also append to `log`; everything else reads through to `target`. */
interface Recorder {
  readonly log: CommandLog;
  readonly target: Record<string, unknown>;
}

type Method = (...args: unknown[]) => unknown;

/**
 * Hand the log and client to the class fields below. A field is defined on the instance, while
 * assigning `this.log` in a constructor would first look for a setter up the prototype chain,
 * through the Proxy.
 */
let logOfNext: CommandLog = { commands: NO_COMMANDS, keyCount: 0 };
let targetOfNext: Record<string, unknown> = {};

/**
 * One class for every client, so every recorder has the same shape (one class per client made the
 * call sites megamorphic: ~200 ns per command). Its prototype gets a wrapper per method the first
 * time the method is read (later reads find it there, not in a Proxy trap) and otherwise inherits
 * from a Proxy that reads through to the instance's client. An instance is small and belongs to
 * one command, so a command sent after an `await` inside `run` (EVAL after NOSCRIPT) is still
 * attributed to its own trace.
 */
class Recording implements Recorder {
  readonly log = logOfNext;
  readonly target = targetOfNext;
}

Object.setPrototypeOf(
  Recording.prototype,
  new Proxy(
    {},
    {
      get(_, property, receiver: Recorder) {
        if (receiver === Recording.prototype) return undefined; // read on the prototype itself: no client
        const value = Reflect.get(receiver.target, property, receiver.target);
        if (typeof value !== "function" || typeof property !== "string") return value;
        const wrapper = wrap(property);
        Object.defineProperty(Recording.prototype, property, { value: wrapper, configurable: true, writable: true });
        return wrapper;
      },
    },
  ),
);

/** `client` seen through a recorder that logs each command's upper-case name and key count to `log`. */
export function recordingClient(client: RedisClient, log: CommandLog): RedisClient {
  logOfNext = log;
  targetOfNext = client as unknown as Record<string, unknown>;
  return new Recording() as unknown as RedisClient;
}

/** The wrapper installed for method `property`: logs it (when it is a Redis command) and calls it on the client. */
function wrap(property: string): Method {
  if (property === "call" || property === "callBuffer") {
    return function (this: Recorder, ...args: unknown[]) {
      if (typeof args[0] === "string") logNamed(this.log, args[0].toUpperCase(), countKeys(args[0].toLowerCase(), args, 1));
      return (this.target[property] as Method).apply(this.target, args);
    };
  }
  if (property === "nodes") {
    // a cluster's node clients (SCAN pages go to each master): seen through recorders too
    return function (this: Recorder, ...args: unknown[]) {
      const nodes = (this.target[property] as Method).apply(this.target, args) as RedisClient[];
      return nodes.map((node) => recordingClient(node, this.log));
    };
  }
  const name = commandName(property);
  if (name === undefined) {
    return function (this: Recorder, ...args: unknown[]) {
      return (this.target[property] as Method).apply(this.target, args);
    };
  }
  const upper = name.toUpperCase();
  if (FIRST_ARGUMENT_ONLY.has(name)) {
    // one key whatever the arguments: `arguments` passed straight to `apply` is not copied into an array
    return function (this: Recorder) {
      logNamed(this.log, upper, 1);
      return (this.target[property] as Method).apply(this.target, arguments as unknown as unknown[]);
    };
  }
  return function (this: Recorder, ...args: unknown[]) {
    logNamed(this.log, upper, countKeys(name, args, 0));
    return (this.target[property] as Method).apply(this.target, args);
  };
}

/** `get` for `get` and `getBuffer`; undefined for methods that are not Redis commands (`on`, `duplicate`…). */
function commandName(property: string): string | undefined {
  if (isRedisCommand(property)) return property;
  if (property.endsWith("Buffer") && isRedisCommand(property.slice(0, -6))) return property.slice(0, -6);
  return undefined;
}

function logNamed(into: CommandLog, upper: string, keys: number): void {
  if (into.commands === NO_COMMANDS) into.commands = [upper];
  else into.commands.push(upper);
  into.keyCount += keys;
}
