import type { RedisArgument } from "@redis-interface/core";
import { describeArgument, invalidArgument } from "@redis-interface/core/internal";
import type { StreamFields } from "./entries.js";

type FieldValue = string | number | Buffer;

function isFieldValue(value: unknown): value is FieldValue {
  return typeof value === "string" || Buffer.isBuffer(value) || (typeof value === "number" && Number.isFinite(value));
}

function checkPair(field: unknown, value: unknown, operation: string, key: string | undefined): void {
  if (typeof field !== "string" || field === "") throw invalidArgument(operation, key, `field names must be non-empty strings, got ${describeArgument(field)}`);
  if (!isFieldValue(value)) {
    throw invalidArgument(operation, key, `the value of field "${field.slice(0, 60)}" must be a string, a finite number or a Buffer, got ${describeArgument(value)}`);
  }
}

/**
 * Validates and flattens the fields of an entry into XADD arguments (`f1 v1 f2 v2 …`). A record
 * gives its own enumerable fields in insertion order; an array of `[field, value]` pairs keeps its
 * order and may repeat a field. Numbers are sent as their decimal text, Buffers byte for byte.
 * No I/O.
 * @returns the flat argument list.
 * @throws RedisError `INVALID_ARGUMENT` (naming `operation` and `key`) for no fields, a field
 *   name that is not a non-empty string, a value that is not a string, finite number or Buffer,
 *   or a pair that is not `[field, value]`.
 */
export function streamFieldArgs(fields: StreamFields, operation: string, key?: string): RedisArgument[] {
  const args: RedisArgument[] = [];
  if (Array.isArray(fields)) {
    for (const pair of fields as unknown[]) {
      if (!Array.isArray(pair) || pair.length !== 2) throw invalidArgument(operation, key, "each field must be a [field, value] pair");
      const [field, value] = pair as [unknown, unknown];
      checkPair(field, value, operation, key);
      args.push(field as string, value as FieldValue);
    }
  } else if (typeof fields === "object" && fields !== null && !Buffer.isBuffer(fields)) {
    for (const [field, value] of Object.entries(fields)) {
      checkPair(field, value, operation, key);
      args.push(field, value as FieldValue);
    }
  } else {
    throw invalidArgument(operation, key, `fields must be a record or an array of [field, value] pairs, got ${describeArgument(fields)}`);
  }
  if (args.length === 0) throw invalidArgument(operation, key, "an entry needs at least one field");
  return args;
}
