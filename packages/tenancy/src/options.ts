import { assertOptionalBoolean, optionsObject } from "@redis-interface/core/internal";

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
export function resolveTenantOptions(options: TenantOptions | undefined, operation: string): Required<TenantOptions> {
  const { fallbackToUnprefixed, hashTag } = optionsObject(options, KNOWN, operation);
  assertOptionalBoolean(fallbackToUnprefixed, operation, undefined, 'option "fallbackToUnprefixed"');
  assertOptionalBoolean(hashTag, operation, undefined, 'option "hashTag"');
  return { fallbackToUnprefixed: fallbackToUnprefixed === true, hashTag: hashTag === true };
}
