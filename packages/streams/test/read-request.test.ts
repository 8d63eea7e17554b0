import { checkedRead, checkedSignal, MAX_BLOCK_MS } from "../src/internal.js";

const PLAIN = { use: "read", oneIdForAll: false } as const;
const GROUP = { use: "groupRead", oneIdForAll: true } as const;

function failure(check: () => unknown): { code?: string; key?: string; message?: string } {
  try {
    check();
  } catch (error) {
    return error as { code?: string; key?: string; message?: string };
  }
  throw new Error("expected the check to throw");
}

describe("checkedRead: the checks every stream read shares (no Redis)", () => {
  it("returns the streams, one id each, count and blockMs", () => {
    expect(checkedRead("a", "0", undefined, undefined, "op", PLAIN)).toEqual({ streams: ["a"], ids: ["0"], count: undefined, blockMs: undefined });
    expect(checkedRead(["a", "b"], ["1-0", "$"], 5, 0, "op", PLAIN)).toEqual({ streams: ["a", "b"], ids: ["1-0", "$"], count: 5, blockMs: 0 });
  });

  it("a single id applies to every stream only where the caller's function says so", () => {
    expect(checkedRead(["a", "b"], ">", undefined, undefined, "op", GROUP).ids).toEqual([">", ">"]);
    expect(failure(() => checkedRead(["a", "b"], "0", undefined, undefined, "op", PLAIN))).toMatchObject({ code: "INVALID_ARGUMENT", key: "a" });
  });

  it.each([
    ["no streams", [], [], undefined, undefined],
    ["a stream that is not a name", [""], ["0"], undefined, undefined],
    ["streams that are not names", 5, ["0"], undefined, undefined],
    ["a stream twice", ["a", "a"], ["0", "0"], undefined, undefined],
    ["ids of another length", ["a"], ["0", "1"], undefined, undefined],
    ["ids that are not ids", ["a"], 0, undefined, undefined],
    ["a zero count", ["a"], ["0"], 0, undefined],
    ["a fractional count", ["a"], ["0"], 1.5, undefined],
    ["a negative block", ["a"], ["0"], undefined, -1],
    ["a block beyond Node's timers", ["a"], ["0"], undefined, MAX_BLOCK_MS + 1],
  ])("%s is INVALID_ARGUMENT", (_what, streams, ids, count, blockMs) => {
    expect(failure(() => checkedRead(streams, ids, count, blockMs, "op", PLAIN))).toMatchObject({ code: "INVALID_ARGUMENT" });
  });

  it("the longest block Node's timers hold is accepted", () => {
    expect(checkedRead("a", "$", undefined, MAX_BLOCK_MS, "op", PLAIN).blockMs).toBe(2 ** 31 - 1);
  });

  it("ids are checked for the kind of read: '>' only in a group read, '$' only in a plain one", () => {
    expect(failure(() => checkedRead("a", ">", undefined, undefined, "op", PLAIN))).toMatchObject({ code: "INVALID_ENTRY_ID", key: "a" });
    expect(failure(() => checkedRead("a", "$", undefined, undefined, "op", GROUP))).toMatchObject({ code: "INVALID_ENTRY_ID", key: "a" });
  });
});

describe("checkedSignal (no Redis)", () => {
  it("passes no signal or a live one, refuses anything else and an aborted one", () => {
    const live = new AbortController().signal;
    expect(checkedSignal(undefined, "op", "a")).toBeUndefined();
    expect(checkedSignal(live, "op", "a")).toBe(live);
    expect(failure(() => checkedSignal({}, "op", "a"))).toMatchObject({ code: "INVALID_ARGUMENT", key: "a" });
    expect(failure(() => checkedSignal(AbortSignal.abort(), "op", "a"))).toMatchObject({ code: "ABORTED", key: "a" });
  });
});
