import { useState } from "react";
import { Highlighted, type HighlightPart } from "./Highlighted";
import { useDebouncedValue } from "./useDebouncedValue";
import "./localStore.css";

/** One result row: what it opens, its title, and the matching text with the matched words marked. */
export interface QuickSearchHit {
  id: string;
  title: string;
  snippet: HighlightPart[];
}

/** The box's text, and the words to search for once typing pauses for `delayMs`. */
export function useQuickSearchText(delayMs: number) {
  const [text, setText] = useState("");
  const query = useDebouncedValue(text.trim(), delayMs);
  return { text, setText, query };
}

export interface QuickSearchProps {
  /** The search landmark's name. */
  name: string;
  /** The box's label. */
  label: string;
  placeholder: string;
  /** The results list's name. */
  listLabel: string;
  text: string;
  onText: (text: string) => void;
  /** The words searched for (the box's text once typing paused); no results show while it is empty. */
  query: string;
  /** The status line (searching, how many found, or the error). */
  status: string;
  hits: QuickSearchHit[];
  onOpen: (id: string) => void;
  /** Runs the remote search for the words; the box empties so the list shows its answer. Enter does the same. */
  onSearchRemote: (words: string) => void;
  /** The remote search button's words, before the quoted query. */
  remoteLabel: string;
}

/** A search box answering as you type, its highlighted results, and a button to search further (remotely). */
export function QuickSearch(props: QuickSearchProps) {
  const { text, onText, query } = props;
  function searchRemote() {
    const words = text.trim();
    if (!words) return;
    props.onSearchRemote(words);
    onText("");
  }
  return (
    <div className="local-search" role="search" aria-label={props.name}>
      <label className="local-search-label">
        {props.label}
        <input
          type="search"
          value={text}
          placeholder={props.placeholder}
          onChange={(event) => onText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              searchRemote();
            }
          }}
        />
      </label>
      {query ? (
        <div className="local-results">
          <p className="muted" role="status">
            {props.status}
          </p>
          {props.hits.length ? (
            <ul aria-label={props.listLabel} className="local-hits">
              {props.hits.map((hit) => (
                <li key={hit.id}>
                  <button type="button" className="local-hit" onClick={() => props.onOpen(hit.id)}>
                    <span className="local-hit-title">{hit.title}</span>
                    <Highlighted className="local-hit-snippet" parts={hit.snippet} />
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <button type="button" onClick={searchRemote}>
            {props.remoteLabel} “{text.trim() || query}”
          </button>
        </div>
      ) : null}
    </div>
  );
}
