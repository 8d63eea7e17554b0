// ESM consumer: loads every asked package with `import` and runs one call each on Redis.
import { exercise } from "./exercise.mjs";
import { fileURLToPath } from "node:url";

const options = { port: Number(process.env.SMOKE_REDIS_PORT), packages: JSON.parse(process.env.SMOKE_PACKAGES), build: "esm" };
const result = await exercise((name) => import(name), (name) => fileURLToPath(import.meta.resolve(name)), options);
console.log(`esm ok: ${result.ran.join(", ") || "core"} (${result.traced} traced commands)`);
