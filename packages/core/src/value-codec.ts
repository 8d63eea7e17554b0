import type { RedisCodec } from "./codec.js";
import { RedisError } from "./errors.js";

/** Names what is being encoded or decoded, for the error message. */
export interface CodecContext {
  operation: string;
  key?: string;
  /** The application type, e.g. `PaymentIntent` (Hyperswitch's `type_name`). */
  typeName?: string;
}

function describe(codec: RedisCodec, context: CodecContext): string {
  return `${context.typeName ?? "value"} with the ${codec.name} codec`;
}

/**
 * Encodes `value` with `codec`.
 * @throws RedisError `SERIALIZATION_FAILED` naming the operation, key and type (never the value).
 */
export function encodeValue(codec: RedisCodec, value: unknown, context: CodecContext): string {
  try {
    return codec.encode(value);
  } catch (cause) {
    throw new RedisError("SERIALIZATION_FAILED", {
      operation: context.operation,
      key: context.key,
      message: `cannot serialize ${describe(codec, context)}: ${(cause as Error)?.message ?? String(cause)}`,
      cause,
    });
  }
}

/**
 * Decodes text read from Redis with `codec`.
 * @throws RedisError `DESERIALIZATION_FAILED` naming the operation, key and type (never the text).
 */
export function decodeValue<T>(codec: RedisCodec, text: string | Buffer, context: CodecContext): T {
  try {
    return codec.decode(typeof text === "string" ? text : text.toString("utf8")) as T;
  } catch (cause) {
    throw new RedisError("DESERIALIZATION_FAILED", {
      operation: context.operation,
      key: context.key,
      message: `cannot deserialize ${describe(codec, context)}`,
      cause: withoutText(cause),
    });
  }
}

/**
 * `JSON.parse`'s SyntaxError quotes the text it could not read (`Unexpected token 's', "secret…" is
 * not valid JSON`): the cause keeps only the position.
 */
function withoutText(cause: unknown): unknown {
  if (!(cause instanceof SyntaxError)) return cause;
  const position = / at position (\d+)/.exec(cause.message)?.[1];
  return new SyntaxError(position === undefined ? "the text is not valid JSON" : `the text is not valid JSON (at position ${position})`);
}
