import { exists as isRedisCommand, getKeyIndexes } from "@ioredis/commands";
import fc from "fast-check";
import { EVERY_ARGUMENT, FIRST_ARGUMENT_ONLY, countKeys } from "../src/key-count.js";

/** What ioredis would count: `getKeyIndexes` on the flattened arguments. */
function ioredisCount(name: string, args: unknown[]): number {
  const flat = (args as unknown[]).flat(Infinity).filter((arg) => typeof arg !== "function") as Array<string | number>;
  return getKeyIndexes(name, flat).length;
}

const argument = fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: -5, max: 20 }), fc.constantFrom("STORE", "0", "1", "3"));
const argumentsOf = fc.array(fc.oneof(argument, fc.array(argument, { maxLength: 3 })), { minLength: 1, maxLength: 8 });

describe("countKeys", () => {
  it("lists only commands Redis and ioredis know", () => {
    for (const name of [...FIRST_ARGUMENT_ONLY, ...EVERY_ARGUMENT]) expect([name, isRedisCommand(name)]).toEqual([name, true]);
  });

  it("agrees with ioredis's getKeyIndexes on every fast-path command, for any arguments", () => {
    const names = [...FIRST_ARGUMENT_ONLY, ...EVERY_ARGUMENT];
    fc.assert(
      fc.property(fc.constantFrom(...names), argumentsOf, (name, args) => {
        expect([name, countKeys(name, args, 0)]).toEqual([name, ioredisCount(name, args)]);
      }),
      { numRuns: 2_000 },
    );
  });

  it("agrees with getKeyIndexes on the commands it leaves to it (scripts, SORT, XREAD…), from an offset as `call` passes them", () => {
    const others = ["evalsha", "eval", "zunionstore", "sort", "xread", "xreadgroup", "georadius", "object", "xinfo", "memory", "publish", "spublish"];
    fc.assert(
      fc.property(fc.constantFrom(...others), argumentsOf, (name, args) => {
        const expected = (() => {
          try {
            return ioredisCount(name, args);
          } catch {
            return 0;
          }
        })();
        expect(countKeys(name, ["NAME", ...args], 1)).toBe(expected);
      }),
      { numRuns: 1_000 },
    );
  });

  it("counts 0 for a command ioredis does not know", () => {
    expect(countKeys("json.get", ["k", "$"], 0)).toBe(0);
  });
});
