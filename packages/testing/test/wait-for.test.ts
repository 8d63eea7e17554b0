import { waitFor } from "../src/index.js";

describe("waitFor", () => {
  test("resolves once the condition turns true", async () => {
    let calls = 0;
    await waitFor(() => ++calls >= 5, { intervalMs: 5 });
    expect(calls).toBe(5);
  });

  test("accepts async conditions", async () => {
    const readyAt = Date.now() + 100;
    await waitFor(async () => Date.now() >= readyAt, { timeoutMs: 5_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(readyAt);
  });

  test("rejects with the description after the deadline", async () => {
    const began = Date.now();
    await expect(waitFor(() => false, { timeoutMs: 200, description: "the moon to turn blue" })).rejects.toThrow(
      "Timed out after 200 ms waiting for the moon to turn blue",
    );
    expect(Date.now() - began).toBeGreaterThanOrEqual(190);
  });

  test("treats exceptions as 'not yet' and reports the last one as the cause", async () => {
    let calls = 0;
    await waitFor(() => {
      calls++;
      if (calls < 3) throw new Error("not ready");
      return true;
    }, { intervalMs: 5 });
    expect(calls).toBe(3);

    let n = 0;
    const error = await waitFor(
      () => {
        throw new Error(`attempt ${++n}`);
      },
      { timeoutMs: 100, intervalMs: 10, description: "a failing probe" },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain("waiting for a failing probe");
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(((error as Error).cause as Error).message).toBe(`attempt ${n}`);
  });

  test("does not wait past the deadline for a condition that never settles", async () => {
    const began = Date.now();
    await expect(
      waitFor(() => new Promise<boolean>(() => undefined), { timeoutMs: 150, description: "a hung probe" }),
    ).rejects.toThrow("a hung probe");
    expect(Date.now() - began).toBeLessThan(2_000);
  });
});
