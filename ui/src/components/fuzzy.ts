/**
 * Fuzzy matching for pickers (the command palette, canned replies): every letter of the query, in order, somewhere
 * in the text, case and accents ignored. Matches at the start of words and in runs score higher, so "rc" puts
 * "Resolve conversation" before "Search records".
 */

/** A match: its score (higher is better) and the indexes of the text's matched characters, for highlighting. */
export interface FuzzyMatch {
  score: number;
  matched: number[];
}

/** One piece of a highlighted text: matched pieces are shown marked. */
export interface TextPart {
  text: string;
  matched: boolean;
}

/** Lower case without accents, one character for one character, so indexes still point into the original. */
function fold(text: string): string[] {
  return Array.from(text, (c) => c.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().charAt(0) || c);
}

const WORD_START = /[\s\-_/.:,;()[\]{}"'“”!?]/;

/**
 * Whether `query` fuzzily matches `text`, and how well; null when some query letter is missing. Spaces in the query
 * are ignored; an empty query matches everything with score 0.
 */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const wanted = fold(query).filter((c) => c.trim() !== "");
  if (wanted.length === 0) return { score: 0, matched: [] };
  const chars = fold(text);
  const original = Array.from(text);
  // Indexes are of code points; the caller highlights with `highlight`, which walks the same code points.
  const matched: number[] = [];
  let score = 0;
  let at = 0;
  for (const c of wanted) {
    // Prefer the next occurrence at a word start; otherwise the next occurrence at all.
    let found = -1;
    let wordStart = -1;
    for (let i = at; i < chars.length; i++) {
      if (chars[i] !== c) continue;
      if (found < 0) found = i;
      if (i === 0 || WORD_START.test(original[i - 1])) {
        wordStart = i;
        break;
      }
    }
    if (found < 0) return null;
    const previous = matched.length ? matched[matched.length - 1] : -2;
    // A run (the letter right after the last one) beats jumping to a later word start.
    const pick = found === previous + 1 ? found : wordStart >= 0 ? wordStart : found;
    score += 1;
    if (pick === previous + 1) score += 3;
    if (pick === 0 || WORD_START.test(original[pick - 1])) score += 5;
    matched.push(pick);
    at = pick + 1;
  }
  // Among equals, the shorter text and the earlier first match win.
  score -= matched[0] * 0.1 + chars.length * 0.01;
  return { score, matched };
}

/**
 * The items matching `query`, best first (ties keep their order), each with its match. `textOf` gives the text
 * matched and highlighted.
 */
export function fuzzyFilter<T>(items: readonly T[], query: string, textOf: (item: T) => string): { item: T; match: FuzzyMatch }[] {
  return items
    .map((item, index) => ({ item, index, match: fuzzyMatch(query, textOf(item)) }))
    .filter((entry): entry is { item: T; index: number; match: FuzzyMatch } => entry.match !== null)
    .sort((a, b) => b.match.score - a.match.score || a.index - b.index)
    .map(({ item, match }) => ({ item, match }));
}

/** `text` split into matched and unmatched pieces, for React to render (never as HTML). */
export function highlight(text: string, matched: readonly number[]): TextPart[] {
  const marks = new Set(matched);
  const parts: TextPart[] = [];
  Array.from(text).forEach((c, i) => {
    const isMatched = marks.has(i);
    const last = parts[parts.length - 1];
    if (last && last.matched === isMatched) last.text += c;
    else parts.push({ text: c, matched: isMatched });
  });
  return parts;
}
