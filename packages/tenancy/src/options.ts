import { RedisError } from "@redis-interface/core";

/** How `forTenant` builds a tenant's names. */
export interface TenantOptions {
  /**
   * Reads that miss under the tenant's prefix retry the bare key (migration from untenanted data).
   * Writes, deletes and scans never fall back. Default `false`.
   */
  readonly fallbackToUnprefixed?: boolean;
  /** Names become `{tenantId}:…`, so all of a tenant's keys share one cluster slot. Default `false`. */
  readonly hashTag?: boolean;
}

const KNOWN: ReadonlyArray<keyof TenantOptions> = ["fallbackToUnprefixed", "hashTag"];

/**
 * Checks `forTenant`'s options: an object (or undefined) with only known, boolean fields.
 * @throws RedisError `INVALID_ARGUMENT` naming the bad field.
 */
export function resolveTenantOptions(options: unknown, operation: string): Required<TenantOptions> {
  if (options === undefined) return { fallbackToUnprefixed: false, hashTag: false };
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new RedisError("INVALID_ARGUMENT", { operation, message: `options must be an object, got ${options === null ? "null" : Array.isArray(options) ? "an array" : typeof options}` });
  }
  const record = options as Record<string, unknown>;
  for (const field of Object.keys(record)) {
    if (!(KNOWN as readonly string[]).includes(field)) {
      throw new RedisError("INVALID_ARGUMENT", { operation, message: `unknown option "${field}" (known: ${KNOWN.join(", ")})` });
    }
    const value = record[field];
    if (value !== undefined && typeof value !== "boolean") {
      throw new RedisError("INVALID_ARGUMENT", { operation, message: `option "${field}" must be a boolean, got ${typeof value}` });
    }
  }
  return { fallbackToUnprefixed: record.fallbackToUnprefixed === true, hashTag: record.hashTag === true };
}
