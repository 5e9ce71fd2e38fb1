import { QuickSearch, useQuickSearchText } from "../../components/QuickSearch";
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
  const { text, setText, query } = useQuickSearchText(LOCAL_SEARCH_DEBOUNCE_MS);
  const search = useSearchStoredConversations(connection, query);
  const settled = search.data && !search.isPlaceholderData ? search.data.length : null;
  return (
    <QuickSearch
      name="Conversations"
      label="Search conversations"
      placeholder="Name, email, subject, segment or message words"
      listLabel="Stored conversations found"
      text={text}
      onText={setText}
      query={query}
      status={search.isError ? describeError(search.error) : localSearchStatus(query, settled)}
      hits={(search.data ?? []).map((hit) => ({ id: hit.session_id, title: hitTitle(hit), snippet: hit.snippet }))}
      onOpen={onOpen}
      onSearchRemote={onSearchCrisp}
      remoteLabel="Search on Crisp for"
    />
  );
}
