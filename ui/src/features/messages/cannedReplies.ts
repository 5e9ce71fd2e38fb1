/**
 * Canned replies in the composer: the `!` that starts a search, and the placeholders (`{nickname}`, `{email}`)
 * filled from the open conversation's meta. Pure, so the rules are tested without a screen.
 */

/** The placeholders a canned reply may hold, filled from the conversation's meta of the same name. */
export const PLACEHOLDERS = ["nickname", "email"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** The values of the open conversation (absent or empty when Crisp has none). */
export type PlaceholderValues = Partial<Record<Placeholder, string | null | undefined>>;

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

function isKnown(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

/** The `{names}` in `text` that are not placeholders (each once, in order): the editor warns they stay as typed. */
export function unknownPlaceholders(text: string): string[] {
  const names = Array.from(text.matchAll(PLACEHOLDER), (m) => m[1]).filter((name) => !isKnown(name));
  return [...new Set(names)];
}

/**
 * `text` with each known placeholder replaced by the conversation's value. A placeholder the conversation has no
 * value for, and any unknown `{name}`, stays as typed; `missing` lists the known ones left, so the composer can
 * say so.
 */
export function fillPlaceholders(text: string, values: PlaceholderValues): { text: string; missing: Placeholder[] } {
  const missing = new Set<Placeholder>();
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
    if (!isKnown(name)) return whole;
    const value = values[name]?.trim();
    if (value) return value;
    missing.add(name);
    return whole;
  });
  return { text: filled, missing: [...missing] };
}

/** A `!` search being typed: where the `!` is and the letters after it, up to the caret. */
export interface CannedTrigger {
  start: number;
  query: string;
}

/**
 * The `!` search the caret is in, if any: a `!` at the start of the text or after a space or line break, then
 * letters up to the caret (no space, at most 40). "Great!" or "!!" never start one.
 */
export function cannedTrigger(text: string, caret: number): CannedTrigger | null {
  const before = text.slice(0, caret);
  const found = /(^|\s)!([^\s!]{0,40})$/.exec(before);
  if (!found) return null;
  return { start: found.index + found[1].length, query: found[2] };
}

/** `text` with the trigger (`!` and its letters, up to `caret`) replaced by `inserted`; the caret goes after it. */
export function insertAtTrigger(text: string, trigger: CannedTrigger, caret: number, inserted: string): { text: string; caret: number } {
  return { text: text.slice(0, trigger.start) + inserted + text.slice(caret), caret: trigger.start + inserted.length };
}
