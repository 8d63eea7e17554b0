import type { RedisError } from "../src/index.js";

/** The error `run` throws (synchronous counterpart of the testing package's `rejection`). */
export function thrown(run: () => unknown): RedisError {
  try {
    run();
  } catch (error) {
    return error as RedisError;
  }
  throw new Error("expected a throw");
}
