import { KeyResolver } from "@redis-interface/core";
import { assertOptionalBoolean, describeArgument, invalidArgument, optionsObject } from "@redis-interface/core/internal";
import { assertTenantId } from "./tenant-id.js";

/** How the tenant's names are built, as given to `forTenant` (plus the pool's own `keyPrefix`). */
export interface TenantAclOptions {
  /** Same as `forTenant`'s `hashTag`: names are `{tenantId}:…`. */
  readonly hashTag?: boolean;
  /** The `keyPrefix` setting of the pool the tenant views are built on (default none). */
  readonly keyPrefix?: string;
}

/**
 * Commands an ACL key pattern does not confine: they would list or count other tenants' names
 * (SCAN, RANDOMKEY, DBSIZE, CLUSTER GETKEYSINSLOT/COUNTKEYSINSLOT, PUBSUB CHANNELS/NUMSUB),
 * change state every tenant shares (FUNCTION, SCRIPT FLUSH/KILL), or watch other clients'
 * keys (CLIENT TRACKING).
 */
const UNCONFINED_COMMANDS = [
  "-scan",
  "-randomkey",
  "-dbsize",
  "-cluster|getkeysinslot",
  "-cluster|countkeysinslot",
  "-pubsub",
  "-function",
  "-script|flush",
  "-script|kill",
  "-client|tracking",
] as const;

const ACL_OPTIONS: ReadonlyArray<keyof TenantAclOptions> = ["hashTag", "keyPrefix"];

/**
 * The ACL rules that confine a Redis user to one tenant's keys and channels, for
 * `ACL SETUSER <name> on ><password> ...rules` (the rules send nothing themselves).
 * Keys and channels: only `prefix*` (`~` and `&` patterns, glob characters of a pool prefix
 * escaped). Commands: everything except `@dangerous` (FLUSHALL, KEYS, CONFIG, DEBUG, CLIENT KILL,
 * …) and the commands that a key pattern cannot confine (SCAN among them: a tenant user cannot
 * scan, so run scans on an operator's connection). `INFO` stays allowed because ioredis's ready
 * check sends it; it reveals server statistics, never key names or values.
 * PSUBSCRIBE is checked literally by Redis: such a user can psubscribe to `prefix*` only.
 * @returns the rules, in order.
 * @throws RedisError `INVALID_TENANT` for a bad tenant id; `INVALID_ARGUMENT` for a bad `keyPrefix`
 *   or an unknown option name.
 */
export function tenantAclRules(tenantId: string, options: TenantAclOptions = {}): string[] {
  const operation = "tenantAclRules";
  assertTenantId(tenantId, operation);
  const { keyPrefix = "", hashTag } = optionsObject(options, ACL_OPTIONS, operation);
  assertOptionalBoolean(hashTag, operation, undefined, 'option "hashTag"');
  if (typeof keyPrefix !== "string") {
    throw invalidArgument(operation, undefined, `keyPrefix must be a string, got ${describeArgument(keyPrefix)}`);
  }
  const pattern = KeyResolver.none.extend(keyPrefix).extend(tenantId, { hashTag: hashTag === true }).pattern("*");
  return ["resetkeys", `~${pattern}`, "resetchannels", `&${pattern}`, "+@all", "-@dangerous", "+info", ...UNCONFINED_COMMANDS];
}
