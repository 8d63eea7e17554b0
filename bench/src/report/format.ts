/** `1234567.8` → `1,234,568` (NaN or undefined → `–`). */
export function formatNumber(value: number | undefined, digits = 0): string {
  if (value === undefined || Number.isNaN(value)) return "–";
  return value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** A ratio with two decimals and a `×`. */
export function formatRatio(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? "–" : `${value.toFixed(2)}×`;
}

/** Escapes `|` so text can sit in a Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

/** Escapes text for XML (SVG). */
export function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Strips Markdown code ticks (for the SVG labels). */
export function plain(text: string): string {
  return text.replace(/`/g, "");
}
