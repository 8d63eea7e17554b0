import { assertOptionalBoolean, optionsObject } from "@redis-interface/core/internal";
import { legacyKeyFilter, type LegacyKeys } from "./legacy-keys.js";

/** How `forTenant` builds a tenant's names. */
export interface TenantOptions {
  /**
   * Reads that miss under the tenant's prefix retry the bare name (migration from untenanted data).
   * A name inside any tenant's namespace (`<tenantId>:…`, `{…`) is never read bare, so `true` falls
   * back only for names such as `payment_123`; `{ prefixes: ["payment_"] }` narrows it further to the
   * declared legacy names. Writes, deletes and scans never fall back. Default: no fallback (`false`).
   */
  readonly fallbackToUnprefixed?: LegacyKeys | boolean;
  /** Names become `{tenantId}:…`, so all of a tenant's keys share one cluster slot. Default `false`. */
  readonly hashTag?: boolean;
}

/** `forTenant`'s options, checked: the fallback as the filter core's `KeyResolver.extend` takes. */
export interface ResolvedTenantOptions {
  readonly hashTag: boolean;
  readonly fallbackFor: ((name: string) => boolean) | undefined;
}

const KNOWN: ReadonlyArray<keyof TenantOptions> = ["fallbackToUnprefixed", "hashTag"];

/**
 * Checks `forTenant`'s options: an object (or undefined) with only known fields, `hashTag` a
 * boolean, `fallbackToUnprefixed` a legacy-key declaration (see `legacyKeyFilter`).
 * @throws RedisError `INVALID_ARGUMENT` naming the bad field.
 */
export function resolveTenantOptions(options: TenantOptions | undefined, operation: string): ResolvedTenantOptions {
  const { fallbackToUnprefixed, hashTag } = optionsObject(options, KNOWN, operation);
  assertOptionalBoolean(hashTag, operation, undefined, 'option "hashTag"');
  return { hashTag: hashTag === true, fallbackFor: legacyKeyFilter(fallbackToUnprefixed, operation) };
}
