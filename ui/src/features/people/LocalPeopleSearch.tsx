import { QuickSearch, useQuickSearchText } from "../../components/QuickSearch";
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
  const { text, setText, query } = useQuickSearchText(LOCAL_PEOPLE_DEBOUNCE_MS);
  const search = useSearchStoredPeople(connection, query);
  const settled = search.data && !search.isPlaceholderData ? search.data.length : null;
  return (
    <QuickSearch
      name="People"
      label="Quick search"
      placeholder="Name, email or segment"
      listLabel="Stored profiles found"
      text={text}
      onText={setText}
      query={query}
      status={search.isError ? describeError(search.error) : localPeopleStatus(query, settled)}
      hits={(search.data ?? []).map((hit) => ({ id: hit.people_id, title: peopleHitTitle(hit), snippet: hit.snippet }))}
      onOpen={onOpen}
      onSearchRemote={onSearchCrisp}
      remoteLabel="Search on Crisp for"
    />
  );
}
