// CommonJS consumer: loads every asked package with `require` and runs one call each on Redis.
const options = { port: Number(process.env.SMOKE_REDIS_PORT), packages: JSON.parse(process.env.SMOKE_PACKAGES), build: "cjs" };
import("./exercise.mjs")
  .then(({ exercise }) => exercise(async (name) => require(name), (name) => require.resolve(name), options))
  .then((result) => console.log(`cjs ok: ${result.ran.join(", ") || "core"} (${result.traced} traced commands)`))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
