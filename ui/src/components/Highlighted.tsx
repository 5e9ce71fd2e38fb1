import "./localStore.css";
/** One piece of a search snippet: plain text, or words the search matched. */
export interface HighlightPart {
  text: string;
  matched: boolean;
}

/**
 * A search snippet with the matched words in `<mark>`: React text only, so whatever the text holds (it is
 * visitor content) shows as characters and never as markup.
 */
export function Highlighted({ parts, className }: { parts: HighlightPart[]; className?: string }) {
  return (
    <span className={className}>
      {parts.map((part, index) => (part.matched ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </span>
  );
}
