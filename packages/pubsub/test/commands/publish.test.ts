import type { RedisConnection } from "@redis-interface/core";
import { PUBLISH, SPUBLISH } from "../../src/commands/publish.js";

const through = {} as RedisConnection;

describe("publish commands (pure)", () => {
  it("PUBLISH channel message, with the channel marked as the key (prefixed by the view)", () => {
    const command = PUBLISH("invalidate", '"pay_1"');
    expect(command).toMatchObject({ name: "PUBLISH", args: ["invalidate", '"pay_1"'], keys: [0] });
    expect(command.miss).toBeUndefined();
    expect(command.script).toBeUndefined();
  });

  it("SPUBLISH channel message, with the channel marked as the key (prefixed, routed by its slot)", () => {
    const command = SPUBLISH("{acme}:invalidate", "x");
    expect(command).toMatchObject({ name: "SPUBLISH", args: ["{acme}:invalidate", "x"], keys: [0] });
    expect(command.miss).toBeUndefined();
  });

  it("the reply is the receiver count", () => {
    for (const command of [PUBLISH("c", "m"), SPUBLISH("c", "m")]) {
      expect(command.transform?.(0, through)).toBe(0);
      expect(command.transform?.(3, through)).toBe(3);
    }
  });
});
