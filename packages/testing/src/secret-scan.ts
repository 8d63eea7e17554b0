import { format, inspect } from "node:util";

/**
 * Every printable form of `value`: `util.inspect` at depth 0–10 with and without `showHidden`,
 * `util.format` with `%o`, `%O`, `%j` and `%s`, and `JSON.stringify` (a throwing `toJSON` or a
 * circular structure counts as printing nothing). For scanning what a logger could show.
 */
export function printedForms(value: unknown): string[] {
  const forms: string[] = [];
  for (let depth = 0; depth <= 10; depth++) {
    for (const showHidden of [false, true]) forms.push(inspect(value, { depth, showHidden }));
  }
  forms.push(format("%o", value), format("%O", value), format("%j", value), format("%s", value));
  try {
    forms.push(JSON.stringify(value) ?? "");
  } catch {
    // circular: JSON.stringify prints nothing a logger would keep
  }
  return forms;
}

/** `printedForms` of an error and of every `cause` in its chain (up to 10), with each message and stack. */
export function printedErrorForms(error: unknown): string[] {
  const forms: string[] = [];
  let current: unknown = error;
  for (let i = 0; current !== undefined && current !== null && i < 10; i++) {
    forms.push(...printedForms(current));
    if (current instanceof Error) forms.push(current.message, current.stack ?? "");
    current = current instanceof Error ? current.cause : undefined;
  }
  return forms;
}

/**
 * The secrets that appear in any of `forms`, each with the start of the first form that shows
 * it (so a failing assertion says where it leaked). Empty when nothing leaked.
 */
export function leakedSecrets(forms: readonly string[], secrets: readonly string[]): string[] {
  const leaks: string[] = [];
  for (const secret of secrets) {
    const form = forms.find((text) => text.includes(secret));
    if (form !== undefined) leaks.push(`${secret} in: ${form.slice(0, 300)}`);
  }
  return leaks;
}
