/**
 * How `call` treated an unknown option `name`: `undefined` when it threw, or returned a promise
 * that rejected, with a `RedisError` of code `INVALID_ARGUMENT` whose message names the option;
 * otherwise what happened instead (a description for the failing assertion). Give `call` a
 * closed pool or one on a dead port: an error of any other code means it reached for I/O first.
 * `onReturn` receives whatever `call` returned or resolved with (to close or stop it).
 */
export async function unknownOptionProblem(call: () => unknown, name: string, onReturn?: (value: unknown) => unknown): Promise<string | undefined> {
  let error: unknown;
  try {
    const value = await call();
    await onReturn?.(value);
    return `accepted the unknown option "${name}"`;
  } catch (thrown) {
    error = thrown;
  }
  const { name: errorName, code, message } = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown };
  if (errorName !== "RedisError" || code !== "INVALID_ARGUMENT") return `failed with ${String(errorName)} ${String(code)}: ${String(message)}`;
  if (typeof message !== "string" || !message.includes(`"${name}"`)) return `INVALID_ARGUMENT without naming "${name}": ${String(message)}`;
  return undefined;
}
