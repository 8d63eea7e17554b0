// `pnpm release`: the release procedure up to (not including) the real publish.
//
//   pnpm release             in this checkout: `changeset version` (bumps each changed package and,
//                            with a patch, every package depending on a bumped one; writes each
//                            package's CHANGELOG.md; deletes the consumed changesets), `pnpm build`,
//                            then `pnpm -r publish --dry-run`. Review, commit ("Version packages").
//   pnpm release --preview   the same in a throwaway clone of HEAD plus the working tree's
//                            changesets: shows what a release would do and changes nothing here.
//
// Publishing for real is `pnpm -r publish --access public` by a maintainer or CI with npm
// credentials, after the version commit; pnpm skips versions already on the registry.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const preview = process.argv.includes("--preview");

function step(cwd, command, ...args) {
  console.log(`\nrelease: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd, stdio: "inherit", env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status})`);
}

function versions(cwd) {
  return Object.fromEntries(
    readdirSync(join(cwd, "packages")).map((name) => {
      const manifest = JSON.parse(readFileSync(join(cwd, "packages", name, "package.json"), "utf8"));
      return [manifest.name, manifest.version];
    }),
  );
}

function pendingChangesets(dir) {
  return readdirSync(join(dir, ".changeset")).filter((file) => file.endsWith(".md") && file !== "README.md");
}

let cwd = root;
try {
  if (preview) {
    cwd = mkdtempSync(join(tmpdir(), "redis-interface-release-"));
    step(root, "git", "clone", "--quiet", root, cwd);
    for (const file of pendingChangesets(root)) copyFileSync(join(root, ".changeset", file), join(cwd, ".changeset", file));
    step(cwd, "pnpm", "install", "--frozen-lockfile", "--prefer-offline");
  }
  if (pendingChangesets(cwd).length === 0) throw new Error("no changesets, nothing to release");
  const before = versions(cwd);
  step(cwd, "pnpm", "exec", "changeset", "version");
  const after = versions(cwd);
  step(cwd, "pnpm", "install", "--frozen-lockfile", "--prefer-offline");
  step(cwd, "pnpm", "build");
  step(cwd, "pnpm", "-r", "publish", "--dry-run", "--no-git-checks", "--access", "public");
  console.log("\nrelease: versions");
  for (const [name, version] of Object.entries(after)) {
    const changelog = existsSync(join(cwd, "packages", name.replace("@redis-interface/", ""), "CHANGELOG.md")) ? "CHANGELOG.md" : "";
    console.log(`  ${name} ${before[name]}${before[name] === version ? " (unchanged)" : ` -> ${version}`} ${changelog}`);
  }
  console.log(preview ? "\nrelease: preview only; this checkout is unchanged" : "\nrelease: review the changes, commit them, then `pnpm -r publish --access public`");
} catch (error) {
  console.error(`release FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  if (preview && cwd !== root) rmSync(cwd, { recursive: true, force: true });
}
