import { useCallback, type ReactNode } from "react";
import { useConnection } from "../../session/connection";
import { navigate } from "../../session/router";
import { useOperators, operatorName } from "../operators/operators";
import { Empty, ErrorNotice, Loading } from "../../components/Status";
import { describeError } from "../../ipc";
import { StoredNotice } from "../local/StoredNotice";
import { ConversationDetail } from "./ConversationDetail";
import { useConversationSearchAction } from "./conversationActions";
import { ConversationList } from "./ConversationList";
import { ExportStored } from "./ExportStored";
import { FilterBar, FiltersButton, useFilterBar } from "./FilterBar";
import { LocalConversationSearch } from "./LocalSearch";
import { withCrispSearch } from "./localSearch";
import { activeChips } from "./filters";
import { useCreateConversation } from "./useConversation";
import { useSearchConversations } from "./useSearchConversations";
import { BulkBar } from "./BulkBar";
import { useConversationSelection } from "./useConversationSelection";
import { useAction } from "../../session/actions";

export interface ConversationsScreenProps {
  /** The open conversation, from the route. */
  sessionId: string | null;
  /** The message thread of the open conversation (composed by the shell from the messages feature). */
  renderThread: (sessionId: string) => ReactNode;
}

/** The inbox: filters, the virtualized list, and the open conversation beside it. */
export function ConversationsScreen({ sessionId, renderThread }: ConversationsScreenProps) {
  const connection = useConnection();
  const filterBar = useFilterBar("filter-panel");
  const { filters, setFilters } = filterBar;
  const search = useSearchConversations(connection, filters);
  const operators = useOperators(connection);
  const create = useCreateConversation(connection);
  const nameOf = useCallback(
    (userId: string) => {
      const found = operators.data?.find((o) => o.user_id === userId);
      return found ? operatorName(found) : null;
    },
    [operators.data],
  );
  useConversationSearchAction(() => filterBar.setOpen(true));
  const chips = activeChips(filters, nameOf);
  const { hasNextPage, isFetching, fetchNextPage } = search;
  // While a refresh is in flight the next page waits: asked then, it would be dropped, and the list, already
  // scrolled to its end, would not ask again. The refresh's end changes this callback, so the list asks again.
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetching) void fetchNextPage({ cancelRefetch: false });
  }, [hasNextPage, isFetching, fetchNextPage]);
  const selection = useConversationSelection(connection, search.conversations);
  // In the focused list, x selects the active row itself; from elsewhere it selects the open conversation's.
  const openIndex = sessionId ? search.conversations.findIndex((c) => c?.session_id === sessionId) : -1;
  useAction({
    id: "conversations.select",
    title: "Select the open conversation in the list",
    group: "Conversations",
    shortcut: "x",
    enabled: openIndex >= 0,
    run: () => selection.toggle(openIndex),
  });

  return (
    <div className="screen conversations-screen">
      <section className="inbox" aria-labelledby="inbox-title">
        <header className="screen-header">
          <h1 id="inbox-title">Conversations</h1>
          <div className="header-actions">
            <FiltersButton bar={filterBar} active={chips.length} />
            <button
              type="button"
              disabled={create.isPending}
              onClick={() =>
                create.mutate(undefined, {
                  onSuccess: (created) => created.session_id && navigate("conversations", created.session_id),
                })
              }
            >
              {create.isPending ? "Creating…" : "New conversation"}
            </button>
          </div>
        </header>
        {create.isError ? <ErrorNotice message={describeError(create.error)} /> : null}
        <LocalConversationSearch
          connection={connection.id}
          onOpen={(id) => navigate("conversations", id)}
          onSearchCrisp={(query) => setFilters((f) => withCrispSearch(f, query))}
        />
        <FilterBar bar={filterBar} chips={chips} operators={operators.data ?? []} />
        <BulkBar selection={selection} operators={operators.data ?? []} moreToLoad={Boolean(search.hasNextPage)} />
        {search.isPending ? (
          <Loading retrying={search.failureReason ? describeError(search.failureReason, search.failureCount) : null}>
            Loading conversations…
          </Loading>
        ) : search.isError && search.conversations.length === 0 ? (
          <ErrorNotice message={describeError(search.error)} onRetry={() => search.refetch()} />
        ) : search.conversations.length === 0 ? (
          <Empty>
            {chips.length ? "No conversation matches these filters." : "No conversations yet. Empty ones show with Include Empty."}
          </Empty>
        ) : (
          <>
            <StoredNotice show={search.stored} />
            {search.isRefetchError ? (
              <ErrorNotice
                message={`Could not refresh the list; it shows what was loaded before. ${describeError(search.error)}`}
                onRetry={() => search.refetch()}
              />
            ) : null}
            <ConversationList
              selection={selection}
              conversations={search.conversations}
              selectedId={sessionId}
              onOpen={(id) => navigate("conversations", id)}
              hasMore={Boolean(search.hasNextPage)}
              loadingMore={search.isFetchingNextPage}
              onLoadMore={loadMore}
              assigneeName={nameOf}
            />
            <ExportStored
              connection={connection.id}
              label="Export list"
              target={{ kind: "list", sessionIds: () => search.conversations.flatMap((c) => (c?.session_id ? [c.session_id] : [])) }}
            />
            {search.isFetchNextPageError ? (
              <ErrorNotice message={describeError(search.error)} onRetry={() => search.fetchNextPage()} />
            ) : null}
          </>
        )}
      </section>
      <section className="detail" aria-label="Conversation">
        {sessionId ? (
          <ConversationDetail key={sessionId} sessionId={sessionId} assigneeName={nameOf}>
            {renderThread(sessionId)}
          </ConversationDetail>
        ) : (
          <Empty>Open a conversation from the list (j/k to move, Enter to open).</Empty>
        )}
      </section>
    </div>
  );
}
