import "./localStore.css";
/** One piece of a text: plain, or matched (a search snippet's words, a fuzzy match's letters). */
export interface HighlightPart {
  text: string;
  matched: boolean;
}

/**
 * A text with its matched pieces in `<mark>`: React text only, so whatever the text holds (visitor content, a
 * title) shows as characters and never as markup. Fuzzy matches give their parts through `highlight` (fuzzy.ts).
 */
export function Highlighted({ parts, className }: { parts: readonly HighlightPart[]; className?: string }) {
  return (
    <span className={className}>
      {parts.map((part, index) => (part.matched ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </span>
  );
}
