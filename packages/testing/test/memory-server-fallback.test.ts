import { execFile } from "node:child_process";
import { join } from "node:path";

const built = join(__dirname, "..", "dist", "esm", "index.js");
const repositoryRoot = join(__dirname, "..", "..", "..");

/** Runs `script` (ESM) in a node process with no redis-server on PATH and no REDISMS_SYSTEM_BINARY. */
function withoutSystemBinary(script: string): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: "/nonexistent" };
  delete env["REDISMS_SYSTEM_BINARY"];
  return new Promise((resolve) => {
    execFile(process.execPath, ["--input-type=module", "-e", script], { cwd: repositoryRoot, env, timeout: 90_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, output: stdout + stderr });
    });
  });
}

describe("startRedis without a redis-server on PATH", () => {
  // The repository's package.json configures redis-memory-server ("redisMemoryServer": { "systemBinary" }),
  // so the fallback starts Debian's binary through it instead of downloading.
  it("falls back to redis-memory-server (installed here) and its configuration", async () => {
    const { code, output } = await withoutSystemBinary(`
      import { startRedis } from ${JSON.stringify(built)};
      import ioredis from ${JSON.stringify(require.resolve("ioredis"))};
      const { Redis } = ioredis;
      const server = await startRedis();
      const client = new Redis(server.url);
      await client.set("k", "v");
      console.log("value=" + (await client.get("k")));
      client.disconnect();
      await server.stop();
    `);
    expect(output).toContain("value=v");
    expect(code).toBe(0);
  }, 120_000);
});
