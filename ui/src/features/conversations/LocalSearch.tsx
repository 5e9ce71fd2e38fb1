import { useState } from "react";
import { Highlighted } from "../../components/Highlighted";
import { useDebouncedValue } from "../../components/useDebouncedValue";
import { describeError, type ConnectionId } from "../../ipc";
import { hitTitle, LOCAL_SEARCH_DEBOUNCE_MS, localSearchStatus } from "./localSearch";
import { useSearchStoredConversations } from "./useSearchStoredConversations";

export interface LocalConversationSearchProps {
  connection: ConnectionId;
  /** Opens a conversation the store found. */
  onOpen: (sessionId: string) => void;
  /** Runs Crisp's own search for the words (what the store may not hold). */
  onSearchCrisp: (query: string) => void;
}

/**
 * The conversation list's search box: answers from the local store as you type (matched words highlighted),
 * then offers "Search on Crisp" for what is not stored. Enter runs the Crisp search too.
 */
export function LocalConversationSearch({ connection, onOpen, onSearchCrisp }: LocalConversationSearchProps) {
  const [text, setText] = useState("");
  const query = useDebouncedValue(text.trim(), LOCAL_SEARCH_DEBOUNCE_MS);
  const search = useSearchStoredConversations(connection, query);
  const hits = query && search.data && !search.isPlaceholderData ? search.data : null;
  const shown = query ? (search.data ?? []) : [];

  function searchCrisp() {
    const words = text.trim();
    if (!words) return;
    onSearchCrisp(words);
    setText("");
  }

  return (
    <div className="local-search" role="search" aria-label="Conversations">
      <label className="local-search-label">
        Search conversations
        <input
          type="search"
          value={text}
          placeholder="Name, email, subject, segment or message words"
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              searchCrisp();
            }
          }}
        />
      </label>
      {query ? (
        <div className="local-results">
          <p className="muted" role="status">
            {search.isError ? describeError(search.error) : localSearchStatus(query, hits ? hits.length : null)}
          </p>
          {shown.length ? (
            <ul aria-label="Stored conversations found" className="local-hits">
              {shown.map((hit) => (
                <li key={hit.session_id}>
                  <button type="button" className="local-hit" onClick={() => onOpen(hit.session_id)}>
                    <span className="local-hit-title">{hitTitle(hit)}</span>
                    <Highlighted className="local-hit-snippet" parts={hit.snippet} />
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <button type="button" onClick={searchCrisp}>
            Search on Crisp for “{text.trim() || query}”
          </button>
        </div>
      ) : null}
    </div>
  );
}
