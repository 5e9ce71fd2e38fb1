/**
 * A typed whole number held to a range: `undefined` when empty (the caller's default applies) or inside
 * `min`–`max`, otherwise the message the field shows, naming the range.
 */
export function wholeNumberProblem(text: string, min: number, max: number): string | undefined {
  if (!text.trim()) return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= min && n <= max ? undefined : `Enter a whole number from ${min} to ${max}, or leave empty.`;
}

/** The typed whole number, or `fallback` when the field is empty or not a whole number. */
export function wholeNumberOr(text: string, fallback: number): number {
  const n = Number(text);
  return text.trim() && Number.isInteger(n) ? n : fallback;
}
