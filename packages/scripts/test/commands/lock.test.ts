import { luaScript } from "@redis-interface/core";
import { EXTEND_LOCK, EXTEND_LOCK_SCRIPT, RELEASE_LOCK, RELEASE_LOCK_SCRIPT, SET_LOCK } from "../../src/commands/lock.js";
import { through } from "../support/through.js";

describe("lock commands (pure)", () => {
  it("SET_LOCK is SET key token PX ttlMs NX with the key first", () => {
    const command = SET_LOCK("API_LOCK_pay_1", "token-1", 30_000);
    expect(command).toMatchObject({ name: "SET", args: ["API_LOCK_pay_1", "token-1", "PX", 30_000, "NX"], keys: [0] });
    expect(command.script).toBeUndefined();
    expect(command.miss).toBeUndefined();
  });

  it("SET_LOCK: OK is acquired, nil (held by someone else) is not", () => {
    const { transform } = SET_LOCK("k", "t", 1);
    expect(transform?.("OK", through())).toBe(true);
    expect(transform?.(null, through())).toBe(false);
  });

  it("RELEASE_LOCK is EVALSHA of the release script with the key and the token", () => {
    const command = RELEASE_LOCK("lock", "token-1");
    expect(command).toMatchObject({ name: "EVALSHA", args: [RELEASE_LOCK_SCRIPT.sha, 1, "lock", "token-1"], keys: [2], script: RELEASE_LOCK_SCRIPT });
    expect(RELEASE_LOCK_SCRIPT.sha).toBe(luaScript(RELEASE_LOCK_SCRIPT.source).sha);
    expect(RELEASE_LOCK_SCRIPT.source).toContain("redis.call('DEL', KEYS[1])");
    expect(command.miss).toBeUndefined();
  });

  it("EXTEND_LOCK is EVALSHA of the extend script with the key, the token and the TTL", () => {
    const command = EXTEND_LOCK("lock", "token-1", 60_000);
    expect(command).toMatchObject({ name: "EVALSHA", args: [EXTEND_LOCK_SCRIPT.sha, 1, "lock", "token-1", 60_000], keys: [2], script: EXTEND_LOCK_SCRIPT });
    expect(EXTEND_LOCK_SCRIPT.source).toContain("redis.call('PEXPIRE', KEYS[1], ARGV[2])");
    expect(EXTEND_LOCK_SCRIPT.sha).not.toBe(RELEASE_LOCK_SCRIPT.sha);
  });

  it("release and extend: 1 is true, 0 (expired or another owner) is false", () => {
    for (const command of [RELEASE_LOCK("k", "t"), EXTEND_LOCK("k", "t", 5)]) {
      expect(command.transform?.(1, through())).toBe(true);
      expect(command.transform?.(0, through())).toBe(false);
    }
  });
});
