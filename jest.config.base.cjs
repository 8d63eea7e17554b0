/**
 * Shared Jest 30 config (CommonJS mode, TypeScript through @swc/jest).
 * Each package: jest.config.cjs -> module.exports = require("../../jest.config.base.cjs");
 * Tests start their own redis-server processes, so they get generous timeouts and never
 * rely on fixed sleeps.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: "node",
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  moduleFileExtensions: ["ts", "js", "cjs", "mjs", "json"],
  // sources use NodeNext-style "./x.js" specifiers that point at ./x.ts
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  // superjson 2.x (and copy-anything / is-what) are ESM-only: let Jest transform them.
  transformIgnorePatterns: ["/node_modules/(?!(\\.pnpm|superjson|copy-anything|is-what)/)"],
  transform: { "^.+\\.(t|j)s$": ["@swc/jest", {}] },
  testTimeout: 60_000,
  maxWorkers: 2,
  // A worker that ran hundreds of real-Redis tests holds a large heap and a few short ioredis
  // socket timers (200 ms disconnect) when it ends; Jest's 500 ms default to exit made it print
  // "failed to exit gracefully" on a loaded 2-core machine without any leak.
  workerGracefulExitTimeout: 2_000,
};
