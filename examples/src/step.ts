/** Runs one named demo step, prints what it did, and remembers failures so the demo can exit non-zero. */
export class DemoSteps {
  private failures = 0;

  async run(name: string, body: () => Promise<string>): Promise<void> {
    try {
      const outcome = await body();
      console.log(`  ok   ${name}: ${outcome}`);
    } catch (error) {
      this.failures++;
      console.log(`  FAIL ${name}: ${(error as Error).message}`);
    }
  }

  get failed(): number {
    return this.failures;
  }
}

/** Throws when `actual` differs from `expected` (compared as JSON-ish strings). */
export function expectEqual(actual: unknown, expected: unknown, what: string): void {
  const show = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
  if (show(actual) !== show(expected)) throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}
