// The fault suite: one file at a time (--runInBand), since each injects faults into its own
// servers and measures recovery; the teardown writes docs/reliability.md from the results.
const base = require("../jest.config.base.cjs");
module.exports = {
  ...base,
  testTimeout: 240_000,
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
};
