import { KeyResolver, type RedisConnection } from "@redis-interface/core";
import { DEAD_LETTER, DEAD_LETTER_SCRIPT, LEAVE_GROUP_IF_IDLE, LEAVE_GROUP_IF_IDLE_SCRIPT } from "../../src/commands/scripts.js";

const through = { keys: KeyResolver.none } as unknown as RedisConnection;

describe("DEAD_LETTER (no Redis)", () => {
  it("is EVALSHA of the script with both streams as keys and the entry as arguments", () => {
    const command = DEAD_LETTER({
      stream: "{p}:events",
      deadLetterStream: "{p}:dead",
      group: "g",
      consumer: "c",
      entry: { id: "1-1", fields: { amount: "10" } },
      error: "boom",
      deliveries: 5,
    });
    expect(command).toMatchObject({
      name: "EVALSHA",
      args: [DEAD_LETTER_SCRIPT.sha, 2, "{p}:events", "{p}:dead", "g", "1-1", "c", "boom", "5", '{"amount":"10"}', "{p}:events"],
      keys: [2, 3],
      script: DEAD_LETTER_SCRIPT,
    });
    expect([command.transform?.(1, through), command.transform?.(0, through)]).toEqual([true, false]);
  });
});

describe("LEAVE_GROUP_IF_IDLE (no Redis)", () => {
  it("is EVALSHA of the script with the stream as key, group and consumer as arguments; 0 (deleted, nothing pending) is true", () => {
    const command = LEAVE_GROUP_IF_IDLE("s", "g", "c");
    expect(command).toMatchObject({ name: "EVALSHA", args: [LEAVE_GROUP_IF_IDLE_SCRIPT.sha, 1, "s", "g", "c"], keys: [2], script: LEAVE_GROUP_IF_IDLE_SCRIPT });
    expect([command.transform?.(0, through), command.transform?.(-1, through)]).toEqual([true, false]);
  });
});
