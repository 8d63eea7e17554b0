// Packaging check of every built package (in the spirit of cacheable's test-build.mjs):
// each exports-map target exists, `import()` (ESM) and `require()` (CJS) both load, and they
// expose the same named exports; `files`, `sideEffects` and types are declared; the README has
// what a user needs (install line, a TypeScript example, an API table, the errors).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const root = new URL("..", import.meta.url).pathname;
const problems = [];
for (const name of readdirSync(join(root, "packages"))) {
  const dir = join(root, "packages", name);
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const problem = (text) => problems.push(`${manifest.name}: ${text}`);
  if (manifest.sideEffects !== false) problem("sideEffects must be false");
  if (!manifest.files?.includes("dist")) problem("files must include dist");
  if (!existsSync(join(dir, "README.md"))) problem("README.md is missing");
  const entry = manifest.exports?.["."];
  if (!entry?.import || !entry?.require) {
    problem("exports['.'] needs import and require conditions");
    continue;
  }
  for (const target of [entry.import.types, entry.import.default, entry.require.types, entry.require.default]) {
    if (!target || !existsSync(join(dir, target))) problem(`exports target ${target} does not exist (built?)`);
  }
  const esm = await import(pathToFileURL(join(dir, entry.import.default)).href);
  const cjs = createRequire(join(dir, "package.json"))(join(dir, entry.require.default));
  const esmNames = Object.keys(esm).filter((key) => key !== "default").sort().join(",");
  const cjsNames = Object.keys(cjs).filter((key) => key !== "default" && key !== "__esModule").sort().join(",");
  if (esmNames !== cjsNames) problem(`ESM exports [${esmNames}] differ from CJS exports [${cjsNames}]`);
  checkSourceMaps(join(dir, "dist"), problem);
  if (esmNames !== "") checkReadme(manifest.name, readFileSync(join(dir, "README.md"), "utf8"), problem);
  console.log(`packaging ok: ${manifest.name} (${esmNames.split(",").filter(Boolean).length} exports, ESM + CJS)`);
}
/** Every shipped source map carries its sources (`sourcesContent`): `src/` is not in the tarball. */
function checkSourceMaps(dist, problem) {
  for (const entry of readdirSync(dist, { recursive: true })) {
    const file = String(entry);
    if (file.endsWith(".d.ts.map")) problem(`${file}: a declaration map points at src/, which is not shipped`);
    if (!file.endsWith(".js.map")) continue;
    const map = JSON.parse(readFileSync(join(dist, file), "utf8"));
    const content = map.sourcesContent ?? [];
    if (map.sources.length === 0 || map.sources.some((_source, index) => typeof content[index] !== "string")) problem(`${file}: source map without sourcesContent`);
  }
}

/** A package with exports (not a skeleton) documents: install, an example, its API as a table, its errors. */
function checkReadme(name, text, problem) {
  const installs = text.split("\n").filter((line) => /\b(pnpm|npm|yarn) (add|install|i)\b/.test(line));
  if (!installs.some((line) => line.split(/\s+/).includes(name))) problem(`README.md has no install line for ${name}`);
  if (!/```ts\n[\s\S]*?from "@redis-interface\//.test(text)) problem("README.md has no TypeScript example importing the package");
  if (!/^\|.*\|\s*$/m.test(text) || !/^\|\s*:?-{3,}/m.test(text)) problem("README.md has no API table");
  if (!/isRedisError|RedisError|\berrors?\b/i.test(text) || !/[A-Z]+_[A-Z]+|NOT_FOUND|CLOSED/.test(text)) problem("README.md does not name the error codes");
}

if (problems.length > 0) {
  console.error(problems.map((text) => `packaging problem: ${text}`).join("\n"));
  process.exit(1);
}
