export { scripts } from "./scripts.js";
export type { RedisScripts } from "./scripts.js";
export type {
  CompareAndSetResult,
  DefinedScript,
  EvaluateOptions,
  HeldLock,
  LockOptions,
  LockResult,
  RateLimitOptions,
  RateLimitResult,
  ScriptArg,
  ScriptDecode,
  ScriptDefinition,
  Versioned,
} from "./types.js";
