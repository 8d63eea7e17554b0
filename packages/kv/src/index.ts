export { kv } from "./kv.js";
export type { KeyValueStore } from "./kv.js";
export type {
  DeleteMatchingOptions,
  DelReply,
  ExpiryOptions,
  HscanDeserializeResult,
  KvOptions,
  MsetnxReply,
  RedisValue,
  ScanOptions,
  ScoredMember,
  SetGetReply,
  SetnxReply,
} from "./types.js";
