import { RedisError } from "@redis-interface/core";

/** The longest tenant id, in UTF-8 bytes: ids are part of every key, so they stay short. */
export const MAX_TENANT_ID_BYTES = 128;

/**
 * Characters that could let a tenant's names escape or widen its prefix: the separator `:`, the
 * hash-tag braces, the glob characters of SCAN/PSUBSCRIBE/ACL patterns (with their escape `\`),
 * whitespace, and control characters.
 */
const FORBIDDEN = /[:{}*?[\]\\\s\u0000-\u001f\u007f-\u009f]/u;

function describeCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  return /\s/u.test(character) || code < 0x20 || (code >= 0x7f && code <= 0x9f) ? `U+${code.toString(16).toUpperCase().padStart(4, "0")}` : `"${character}"`;
}

function reasonToReject(tenantId: unknown): string | undefined {
  if (typeof tenantId !== "string") return `must be a string, got ${tenantId === null ? "null" : typeof tenantId}`;
  if (tenantId === "") return "must not be empty";
  const bytes = Buffer.byteLength(tenantId, "utf8");
  if (bytes > MAX_TENANT_ID_BYTES) return `is ${bytes} bytes long, the limit is ${MAX_TENANT_ID_BYTES}`;
  const forbidden = FORBIDDEN.exec(tenantId);
  if (forbidden) return `contains ${describeCharacter(forbidden[0])} at position ${forbidden.index}, which could escape the tenant's prefix`;
  return undefined;
}

/**
 * Checks that `tenantId` can serve as a key prefix that no name can escape: a non-empty string of
 * at most 128 UTF-8 bytes without `:`, `{`, `}`, `*`, `?`, `[`, `]`, `\`, whitespace or control
 * characters. No I/O.
 * @throws RedisError `INVALID_TENANT` saying what was wrong (the id itself is not echoed when it
 * is not a string).
 */
export function assertTenantId(tenantId: unknown, operation = "forTenant"): asserts tenantId is string {
  const reason = reasonToReject(tenantId);
  if (reason !== undefined) throw new RedisError("INVALID_TENANT", { operation, message: `tenant id ${reason}` });
}

/** Whether `tenantId` passes `assertTenantId`. No I/O, never throws. */
export function isValidTenantId(tenantId: unknown): tenantId is string {
  return reasonToReject(tenantId) === undefined;
}
