import type { RedisConnection } from "@redis-interface/core";
import { PUBLISH, PUBLISH_GLOBAL, SPUBLISH, SPUBLISH_GLOBAL } from "../../src/commands/publish.js";

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
    for (const command of [PUBLISH("c", "m"), SPUBLISH("c", "m"), PUBLISH_GLOBAL("c", "m"), SPUBLISH_GLOBAL("c", "m")]) {
      expect(command.transform?.(0, through)).toBe(0);
      expect(command.transform?.(3, through)).toBe(3);
    }
  });

  it("PUBLISH / SPUBLISH on a global channel: no key marked, so no view prefixes the channel", () => {
    expect(PUBLISH_GLOBAL("hyperswitch_invalidate", "m")).toMatchObject({ name: "PUBLISH", args: ["hyperswitch_invalidate", "m"], keys: [] });
    expect(SPUBLISH_GLOBAL("hyperswitch_invalidate", "m")).toMatchObject({ name: "SPUBLISH", args: ["hyperswitch_invalidate", "m"], keys: [] });
  });
});
