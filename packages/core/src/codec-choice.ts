import { BUILT_IN_CODECS, type RedisCodec } from "./codec.js";

/**
 * The codec a `codec` setting or option names: a built-in by name, or an object with `name`,
 * `encode` and `decode`.
 * @param fail builds the error for a choice that names no codec, from the problem (`is unknown: …`).
 */
export function codecFromChoice(choice: unknown, fail: (problem: string) => Error): RedisCodec {
  if (typeof choice === "string") {
    if (!Object.hasOwn(BUILT_IN_CODECS, choice)) throw fail(`is unknown: "${choice.slice(0, 60)}" (expected ${Object.keys(BUILT_IN_CODECS).join(", ")} or a codec object)`);
    return BUILT_IN_CODECS[choice];
  }
  const candidate = choice as Partial<RedisCodec> | null;
  if (!candidate || typeof candidate.encode !== "function" || typeof candidate.decode !== "function" || typeof candidate.name !== "string") {
    throw fail("must be a codec name or an object with name, encode and decode");
  }
  return candidate as RedisCodec;
}
