export { createIdempotency } from "./create.js";
export type { Idempotency } from "./create.js";
export type { IdempotencyContext, IdempotencyOptions, IdempotencyResult, IdempotentHandler } from "./types.js";
