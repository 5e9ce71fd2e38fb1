import { useState } from "react";
import { Highlighted } from "../../components/Highlighted";
import { useDebouncedValue } from "../../components/useDebouncedValue";
import { describeError, type ConnectionId } from "../../ipc";
import { LOCAL_PEOPLE_DEBOUNCE_MS, localPeopleStatus, peopleHitTitle } from "./localPeopleSearch";
import { useSearchStoredPeople } from "./useSearchStoredPeople";

/**
 * People's quick search: answers from the local store as you type (matched words highlighted), then offers
 * "Search on Crisp", which applies the words as the list's Search Text. Enter does the same.
 */
export function LocalPeopleSearch({ connection, onOpen, onSearchCrisp }: {
  connection: ConnectionId;
  onOpen: (peopleId: string) => void;
  onSearchCrisp: (query: string) => void;
}) {
  const [text, setText] = useState("");
  const query = useDebouncedValue(text.trim(), LOCAL_PEOPLE_DEBOUNCE_MS);
  const search = useSearchStoredPeople(connection, query);
  const hits = query && search.data && !search.isPlaceholderData ? search.data : null;
  const shown = query ? (search.data ?? []) : [];

  function searchCrisp() {
    const words = text.trim();
    if (!words) return;
    onSearchCrisp(words);
    setText("");
  }

  return (
    <div className="local-search" role="search" aria-label="People">
      <label className="local-search-label">
        Quick search
        <input
          type="search"
          value={text}
          placeholder="Name, email or segment"
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
            {search.isError ? describeError(search.error) : localPeopleStatus(query, hits ? hits.length : null)}
          </p>
          {shown.length ? (
            <ul aria-label="Stored profiles found" className="local-hits">
              {shown.map((hit) => (
                <li key={hit.people_id}>
                  <button type="button" className="local-hit" onClick={() => onOpen(hit.people_id)}>
                    <span className="local-hit-title">{peopleHitTitle(hit)}</span>
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
