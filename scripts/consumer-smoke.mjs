// `pnpm test:consumer` (and the last step of `pnpm test`): installs the packages the way a user
// does. Packs every package (`pnpm pack`), lints each tarball (publint, @arethetypeswrong/cli),
// then in fresh projects outside the workspace installs with npm only the tarballs a user picks
// and checks: nothing unasked in the tree, an ESM and a CJS script each run calls on a real
// redis-server, TypeScript type-checks under NodeNext and Bundler, and two copies of core agree
// on `isRedisError`. Needs built packages (`pnpm build`) and /usr/bin/redis-server.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { typeCheckConfigs, typeCheckSource } from "./consumer-smoke/type-checks.mjs";

const root = new URL("..", import.meta.url).pathname;
const fixtures = join(root, "scripts", "consumer-smoke");
const work = mkdtempSync(join(tmpdir(), "redis-interface-consumer-"));
const tarballs = join(work, "tarballs");
const startedAt = Date.now();
const children = new Set();

/** Runs a command; resolves with its output, rejects with it (and the command) on a non-zero exit. */
function run(command, args, { cwd = work, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const merged = { ...process.env, ...env };
    for (const name of Object.keys(merged)) if (merged[name] === undefined) delete merged[name]; // unset, not ""
    const child = spawn(command, args, { cwd, env: merged, stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      children.delete(child);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(" ")} (in ${cwd}) exited with ${code}:\n${output}`));
    });
  });
}

/** Runs `tasks` (functions returning promises) with at most `limit` at a time. */
async function limited(limit, tasks) {
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

const tarballName = (name, version) => `${name.replace(/^@/, "").replace("/", "-")}-${version}.tgz`;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startRedis() {
  const port = await freePort();
  const child = spawn("/usr/bin/redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  children.add(child);
  child.on("exit", () => children.delete(child));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await run("redis-cli", ["-p", String(port), "ping"])).trim() === "PONG") return { port, child };
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every package name (with its nested copies) under `dir/node_modules`. */
function installedPackages(dir, found = []) {
  const modules = join(dir, "node_modules");
  let entries;
  try {
    entries = readdirSync(modules, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const scoped = entry.name.startsWith("@") ? readdirSync(join(modules, entry.name)).map((name) => `${entry.name}/${name}`) : [entry.name];
    for (const name of scoped) {
      const packageDir = join(modules, name);
      found.push({ name, dir: packageDir });
      installedPackages(packageDir, found);
    }
  }
  return found;
}

const NEVER_FOR_USERS = [/^jest$/, /^@jest\//, /^bullmq$/, /^redis-memory-server$/, /^typescript$/, /^@swc\//, /^turbo/, /^@changesets\//, /^@types\/jest$/, /^ts-jest$/];

function checkTree(project, asked) {
  const installed = installedPackages(project);
  const ours = installed.filter(({ name, dir }) => name.startsWith("@redis-interface/") && !dir.includes("legacy-app"));
  const unasked = [...new Set(ours.map(({ name }) => name))].filter((name) => !asked.includes(name));
  const tooling = installed.filter(({ name }) => NEVER_FOR_USERS.some((pattern) => pattern.test(name)));
  if (unasked.length > 0 || tooling.length > 0) {
    throw new Error(`${project}: installed but not asked for: ${[...unasked, ...tooling.map(({ name }) => name)].join(", ")}`);
  }
  return installed.length;
}

async function packAll() {
  mkdirSync(tarballs);
  const manifests = readdirSync(join(root, "packages"))
    .map((name) => ({ dir: join(root, "packages", name), manifest: JSON.parse(readFileSync(join(root, "packages", name, "package.json"), "utf8")) }))
    .filter(({ manifest }) => manifest.private !== true);
  await limited(2, manifests.map(({ dir }) => () => run("pnpm", ["pack", "--pack-destination", tarballs], { cwd: dir })));
  return new Map(manifests.map(({ manifest }) => [manifest.name, { version: manifest.version, tarball: join(tarballs, tarballName(manifest.name, manifest.version)) }]));
}

/** publint --strict and attw (every resolution mode) on every tarball. */
async function lintTarballs(packed) {
  const bin = join(root, "node_modules", ".bin");
  await limited(2, [...packed].map(([name, { tarball }]) => async () => {
    await run(join(bin, "publint"), ["run", tarball, "--strict"]);
    await run(join(bin, "attw"), [tarball, "--format", "ascii", "--no-emoji", "--no-color", "--no-definitely-typed"]);
    console.log(`consumer: publint + attw ok: ${name}`);
  }));
}

/** core repacked with the next patch version, as the dependency of a tarball `legacy-app`. */
async function legacyApp(packed) {
  const core = packed.get("@redis-interface/core");
  const unpacked = join(work, "core-other");
  mkdirSync(unpacked);
  await run("tar", ["xzf", core.tarball, "-C", unpacked]);
  const manifestPath = join(unpacked, "package", "package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const [major, minor, patch] = manifest.version.split(/[.-]/).map(Number);
  manifest.version = `${major}.${minor}.${patch + 1}`;
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  await run("npm", ["pack", "--pack-destination", tarballs, "--loglevel=error"], { cwd: join(unpacked, "package") });
  const app = join(work, "legacy-app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({
    name: "legacy-app",
    version: "1.0.0",
    main: "index.cjs",
    dependencies: { "@redis-interface/core": `file:${join(tarballs, tarballName(manifest.name, manifest.version))}` },
  }));
  writeFileSync(join(app, "index.cjs"), 'exports.core = require("@redis-interface/core");\nexports.coreVersion = require("@redis-interface/core/package.json").version;\n');
  await run("npm", ["pack", "--pack-destination", tarballs, "--loglevel=error"], { cwd: app });
  return join(tarballs, "legacy-app-1.0.0.tgz");
}

async function scenario(label, asked, packed, redisPort, extra = {}) {
  const project = join(work, label);
  mkdirSync(project);
  const dependencies = Object.fromEntries(asked.map((name) => [name, `file:${packed.get(name).tarball}`]));
  if (extra.legacyApp) dependencies["legacy-app"] = `file:${extra.legacyApp}`;
  // the app's own ioredis (any 6.x): the packages must share it, not nest copies of their own
  if (extra.ownIoredis) dependencies.ioredis = "^6.0.0";
  // ioredis 6.1's own .d.ts files import redis-errors, whose types it lists only as its devDependency:
  // a strict consumer (skipLibCheck off) adds them, as TypeScript's message says.
  const devDependencies = { "@types/redis-errors": "^1.2.1" };
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: `consumer-${label}`, version: "1.0.0", private: true, type: "module", dependencies, devDependencies }, null, 2));
  const began = Date.now();
  // No REDISMS_* variable: installing @redis-interface/testing must not download anything. With
  // `offline`, npm may not reach the registry at all (the earlier scenarios filled its cache).
  const network = extra.offline ? ["--offline"] : ["--prefer-offline"];
  await run("npm", ["install", "--no-audit", "--no-fund", ...network, "--loglevel=error"], { cwd: project, env: { REDISMS_DISABLE_POSTINSTALL: undefined, REDISMS_SYSTEM_BINARY: undefined } });
  const installMs = Date.now() - began;
  const count = checkTree(project, asked);
  const ioredisCopies = installedPackages(project).filter(({ name }) => name === "ioredis").length;
  if (ioredisCopies !== 1) throw new Error(`${project}: ${ioredisCopies} copies of ioredis installed, expected one`);
  for (const file of ["exercise.mjs", "entry.mjs", "entry.cjs", "two-copies.mjs"]) copyFileSync(join(fixtures, file), join(project, file));
  const env = { SMOKE_REDIS_PORT: String(redisPort), SMOKE_PACKAGES: JSON.stringify(asked) };
  const lines = [await run("node", ["entry.mjs"], { cwd: project, env }), await run("node", ["entry.cjs"], { cwd: project, env })];
  const source = typeCheckSource(asked);
  writeFileSync(join(project, "check.ts"), source);
  writeFileSync(join(project, "check.cts"), source);
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  for (const [file, config] of Object.entries(typeCheckConfigs(join(root, "node_modules", "@types")))) {
    writeFileSync(join(project, file), JSON.stringify(config, null, 2));
    await run("node", [tsc, "-p", file], { cwd: project });
  }
  if (extra.legacyApp) lines.push(await run("node", ["two-copies.mjs"], { cwd: project, env }));
  const names = asked.map((name) => name.replace("@redis-interface/", "")).join(" + ");
  console.log(`consumer: ${label} (${names}): ${count} packages installed in ${installMs} ms, nothing unasked; ` +
    `${lines.map((line) => line.trim()).join("; ")}; types ok (NodeNext ESM + CJS, Bundler)`);
}

let redis;
try {
  const packed = await packAll();
  console.log(`consumer: packed ${packed.size} packages in ${Date.now() - startedAt} ms`);
  const [legacy] = await Promise.all([legacyApp(packed), lintTarballs(packed), startRedis().then((server) => (redis = server))]);
  const all = [...packed.keys()];
  await limited(2, [
    () => scenario("core-kv", ["@redis-interface/core", "@redis-interface/kv"], packed, redis.port),
    () => scenario("core-streams-groups", ["@redis-interface/core", "@redis-interface/streams", "@redis-interface/consumer-groups"], packed, redis.port),
  ]);
  // every dependency of the packages is in npm's cache now: the registry is not asked at all
  await scenario("all", all, packed, redis.port, { legacyApp: legacy, offline: true, ownIoredis: true });
  console.log(`consumer smoke test ok in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`consumer smoke test FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  for (const child of children) child.kill("SIGKILL");
  if (process.env.SMOKE_KEEP === "1") console.log(`consumer: kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
