export { KeyvRedisInterface } from "./store.js";
export type { KeyvRedisInterfaceOpts } from "./store.js";
export type { KeyvRedisInterfaceOptions } from "./options.js";
export type { KeyvEntry } from "./checks.js";
