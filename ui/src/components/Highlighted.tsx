import { highlight } from "./fuzzy";

/** `text` with the characters at `matched` (a fuzzy match's indexes) marked, as React text (never HTML). */
export function Highlighted({ text, matched }: { text: string; matched: readonly number[] }) {
  return (
    <>
      {highlight(text, matched).map((part, i) => (part.matched ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </>
  );
}
