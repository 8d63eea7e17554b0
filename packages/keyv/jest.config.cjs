const base = require("../../jest.config.base.cjs");

/** One redis-server and one local cluster for the whole package (tests use random keys). */
module.exports = {
  ...base,
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
};
