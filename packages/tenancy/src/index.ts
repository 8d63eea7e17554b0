export { forTenant } from "./for-tenant.js";
export { TenantConnection } from "./tenant-connection.js";
export type { TenantOptions } from "./options.js";
export type { LegacyKeys } from "./legacy-keys.js";
export { assertTenantId, isValidTenantId, MAX_TENANT_ID_BYTES } from "./tenant-id.js";
export { tenantAclRules } from "./acl-rules.js";
export type { TenantAclOptions } from "./acl-rules.js";
