import { describeArgument, invalidArgument, optionsObject } from "@redis-interface/core/internal";
import { isValidTenantId } from "./tenant-id.js";

/**
 * The legacy (untenanted) names a tenant view's read fallback may read bare: those that start with
 * one of `prefixes` and do not lie in any tenant's namespace.
 */
export interface LegacyKeys {
  /** Non-empty; none may start with `{` or be shaped `<tenantId>:…` (that is another tenant's namespace). */
  readonly prefixes: readonly string[];
}

const KNOWN: ReadonlyArray<keyof LegacyKeys> = ["prefixes"];

/**
 * Whether `name`, under the connection tenant views are made from, is where some tenant's view
 * stores its names: `<valid tenant id>:…`, or anything starting with `{` (hash-tagged tenants).
 */
export function inTenantNamespace(name: string): boolean {
  if (name.startsWith("{")) return true;
  const colon = name.indexOf(":");
  return colon !== -1 && isValidTenantId(name.slice(0, colon));
}

/**
 * Checks the `fallbackToUnprefixed` option and turns it into the fallback's name filter. No I/O.
 * @returns undefined for no fallback (`undefined`, `false`); for `true` a filter accepting a caller's
 * name that lies in no tenant's namespace; for `{ prefixes }` one that also requires a declared prefix.
 * @throws RedisError `INVALID_ARGUMENT` for a non-boolean non-object, an unknown field, or a missing,
 * empty or tenant-shaped prefix.
 */
export function legacyKeyFilter(option: unknown, operation: string): ((name: string) => boolean) | undefined {
  if (option === undefined || option === false) return undefined;
  // every name outside all tenants' namespaces: bare names with no tenant-shaped first segment
  if (option === true) return (name) => !inTenantNamespace(name);
  if (typeof option !== "object" || option === null || Array.isArray(option)) {
    throw invalidArgument(operation, undefined, `option "fallbackToUnprefixed" must be a boolean or { prefixes: [...] }, got ${describeArgument(option)}`);
  }
  const { prefixes } = optionsObject(option as LegacyKeys, KNOWN, operation);
  if (!Array.isArray(prefixes) || prefixes.length === 0) {
    throw invalidArgument(operation, undefined, `option "fallbackToUnprefixed.prefixes" must be a non-empty array of strings, got ${Array.isArray(prefixes) ? "an empty array" : describeArgument(prefixes)}`);
  }
  const declared = prefixes.map((prefix: unknown, index) => checkedPrefix(prefix, index, operation));
  return (name) => !inTenantNamespace(name) && declared.some((prefix) => name.startsWith(prefix));
}

function checkedPrefix(prefix: unknown, index: number, operation: string): string {
  const what = `option "fallbackToUnprefixed.prefixes[${index}]"`;
  if (typeof prefix !== "string" || prefix === "") {
    throw invalidArgument(operation, undefined, `${what} must be a non-empty string, got ${describeArgument(prefix)}`);
  }
  if (inTenantNamespace(prefix)) {
    const shape = prefix.startsWith("{") ? "starts with \"{\"" : `is shaped "<tenantId>:", the namespace of tenant "${prefix.slice(0, prefix.indexOf(":"))}"`;
    throw invalidArgument(operation, undefined, `${what} ${shape}: the fallback must never read another tenant's names (choose a legacy prefix whose text before the first ":" is not a valid tenant id)`);
  }
  return prefix;
}
