/**
 * `@keyv/test-suite` is written for Vitest: it calls `test.it`, `test.beforeEach` and
 * `test.afterEach` on the module it is handed, and each test reads `expect` from its context
 * argument (`t.expect`, `t.expect.assertions(n)`). This hands it Jest's globals in that shape. A test
 * is wrapped in a function of no parameters, since Jest would take a declared parameter for a
 * `done` callback.
 */
type SuiteTest = (context: { expect: typeof expect }) => unknown;

export const jestAsVitest = {
  it: (name: string, run: SuiteTest): void => it(name, async () => run({ expect }) as Promise<void>),
  test: (name: string, run: SuiteTest): void => it(name, async () => run({ expect }) as Promise<void>),
  describe: (name: string, body: () => void): void => describe(name, body),
  beforeEach: (run: () => unknown): void => beforeEach(async () => run() as Promise<void>),
  afterEach: (run: () => unknown): void => afterEach(async () => run() as Promise<void>),
};
