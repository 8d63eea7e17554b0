// `pnpm test`: builds, type-checks and tests every package through turbo, checks the
// packaging of every built package, runs the consumer smoke test (pack, publint, attw, npm
// install of the tarballs in fresh projects), then prints one summary line of all Jest results.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const packages = [...readdirSync(join(root, "packages")).map((name) => join(root, "packages", name)), join(root, "bench")];
const resultFile = (dir) => join(dir, ".jest-results.json");
for (const dir of packages) rmSync(resultFile(dir), { force: true });

const turbo = spawnSync("pnpm", ["exec", "turbo", "run", "build", "lint", "test", "--concurrency=2", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
const packaging = turbo.status === 0 ? spawnSync("node", ["scripts/check-packages.mjs"], { cwd: root, stdio: "inherit" }) : { status: 1 };
const consumer = packaging.status === 0 ? spawnSync("node", ["scripts/consumer-smoke.mjs"], { cwd: root, stdio: "inherit" }) : { status: 1 };

let passed = 0;
let failed = 0;
let suites = 0;
for (const dir of packages) {
  if (!existsSync(resultFile(dir))) continue;
  const result = JSON.parse(readFileSync(resultFile(dir), "utf8"));
  passed += result.numPassedTests;
  failed += result.numFailedTests + result.numRuntimeErrorTestSuites;
  suites += result.numTotalTestSuites;
}
// a failed packaging check or smoke test counts as a failed test in the summary line
if (packaging.status !== 0) failed++;
if (consumer.status !== 0) failed++;
console.log(`\n${suites} test files, packaging check ${packaging.status === 0 ? "ok" : "FAILED"}, consumer smoke test ${consumer.status === 0 ? "ok" : "FAILED"}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(turbo.status === 0 && packaging.status === 0 && consumer.status === 0 && failed === 0 ? 0 : 1);
