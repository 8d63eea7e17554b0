/**
 * `@redis-interface/core/internal`: what the feature packages of this repository share and users
 * do not need. No semver promise: it changes with the packages that use it.
 */
export { RedisConnectionView } from "./view.js";
export { withCodec } from "./codec-view.js";
export { traceDedicatedCommand } from "./tracing.js";
export { poolCloseSignal } from "./close-signal.js";
export { toRedisError } from "./error-mapping.js";
export { reconnectDelay } from "./backoff.js";
export { firstKey } from "./command.js";
export {
  invalidArgument,
  describeArgument,
  assertKey,
  assertKeys,
  assertName,
  assertIntegerIn,
  assertInteger,
  assertPositiveInteger,
  assertNonNegativeInteger,
  assertOptionalBoolean,
  optionsObject,
  assertValue,
  assertValues,
} from "./validate.js";
export type { RedisScalar } from "./validate.js";
export { createDedicatedSender, type DedicatedSender } from "./dedicated-sender.js";
