import { useQueries } from "@tanstack/react-query";
import { useCallback, useMemo, type ReactNode } from "react";
import { Empty, ErrorNotice, Loading } from "../../components/Status";
import { describeError, type ConnectionId, type ConnectionSummary, type Operator } from "../../ipc";
import { ConnectionContext, connectionLabel, useConnectionList } from "../../session/connection";
import { navigate } from "../../session/router";
import { ConversationDetail } from "../conversations/ConversationDetail";
import { FilterBar, FiltersButton, useFilterBar } from "../conversations/FilterBar";
import { activeChips } from "../conversations/filters";
import { BulkBar } from "../conversations/BulkBar";
import { selectableRow } from "../conversations/useConversationSelection";
import { useSelection } from "../conversations/useSelection";
import { operatorName, operatorsQuery } from "../operators/operators";
import { MERGED_INBOX, parseRowPath, rowPath, type OpenRow } from "./merge";
import { useCombinedUnread } from "./CombinedUnreadBadge";
import { MergedList, WorkspaceMark } from "./MergedList";
import { useMergedConversations, type ConnectionPart } from "./useMergedConversations";
import "./inbox.css";

export interface MergedInboxScreenProps {
  /** The route's id: the open row's connection and session (see `rowPath`). */
  id: string | null;
  /** The message thread of the open conversation, shown inside its own connection (composed by the shell). */
  renderThread: (open: OpenRow) => ReactNode;
}

/**
 * "All connections": every saved connection's conversations in one list, newest first, each row marked with its
 * workspace; the filters apply to every connection's query. The open conversation, its thread and its composer
 * act on the row's own connection: they read it from the connection context, which this screen sets for them.
 */
export function MergedInboxScreen({ id, renderThread }: MergedInboxScreenProps) {
  const connections = useConnectionList();
  const byId = useMemo(() => new Map(connections.map((c) => [c.id, c])), [connections]);
  const filterBar = useFilterBar("merged-filter-panel");
  const merged = useMergedConversations(connections, filterBar.filters);
  const { unwatched } = useCombinedUnread(connections);
  const operators = useOperatorsOfAll(connections);
  const assigneeName = useCallback(
    (connection: ConnectionId, userId: string) => {
      const found = operators.get(connection)?.find((o) => o.user_id === userId);
      return found ? operatorName(found) : null;
    },
    [operators],
  );
  const anyName = useCallback(
    (userId: string) => {
      for (const connection of operators.keys()) {
        const name = assigneeName(connection, userId);
        if (name) return name;
      }
      return null;
    },
    [operators, assigneeName],
  );
  const everyOperator = useMemo(() => [...operators.values()].flat(), [operators]);
  const chips = activeChips(filterBar.filters, anyName);
  const open = parseRowPath(id);
  const selectable = useMemo(
    () =>
      // A row of a connection no longer saved is listed, never selected.
      merged.rows.map((row) => selectableRow(row.connection, byId.get(row.connection), row.conversation)),
    [merged.rows, byId],
  );
  const selection = useSelection(selectable);
  const nameOfConnection = useCallback((c: ConnectionId) => {
    const summary = byId.get(c);
    return summary ? connectionLabel(summary) : c;
  }, [byId]);
  const openConnection = open ? byId.get(open.connection) : undefined;

  return (
    <div className="screen conversations-screen merged-inbox">
      <section className="inbox" aria-labelledby="merged-title">
        <header className="screen-header">
          <h1 id="merged-title">All connections</h1>
          <div className="header-actions">
            <FiltersButton bar={filterBar} active={chips.length} />
          </div>
        </header>
        {unwatched.length > 0 ? (
          <p className="muted merged-unwatched">
            {`The unread count leaves out ${unwatched.map(connectionLabel).join(", ")}: not watched. Watch every saved connection under Notifications.`}
          </p>
        ) : null}
        <FilterBar bar={filterBar} chips={chips} operators={everyOperator} />
        <ConnectionNotices parts={merged.parts} />
        <BulkBar selection={selection} operators={everyOperator} connectionName={nameOfConnection} moreToLoad={merged.hasMore} />
        {merged.loading ? (
          <Loading>Loading conversations…</Loading>
        ) : merged.rows.length === 0 ? (
          merged.parts.every((p) => p.error) ? null : (
            <Empty>{chips.length ? "No conversation of any connection matches these filters." : "No conversations in any connection yet."}</Empty>
          )
        ) : (
          <MergedList
            rows={merged.rows}
            connections={byId}
            open={open}
            onOpen={(row) => navigate(MERGED_INBOX, rowPath(row.connection, row.sessionId))}
            hasMore={merged.hasMore}
            loadingMore={merged.loadingMore}
            onLoadMore={merged.loadMore}
            assigneeName={assigneeName}
            selection={selection}
          />
        )}
      </section>
      <section className="detail" aria-label="Conversation">
        {!open ? (
          <Empty>Open a conversation from the list (j/k to move, Enter to open).</Empty>
        ) : !openConnection ? (
          <ErrorNotice message={`No saved connection has the ID ${open.connection}.`} />
        ) : (
          <ConnectionContext.Provider value={openConnection}>
            <p className="merged-open-in">
              In <WorkspaceMark connection={openConnection.id} summary={openConnection} />
            </p>
            <ConversationDetail
              key={rowPath(open.connection, open.sessionId)}
              sessionId={open.sessionId}
              assigneeName={(userId) => assigneeName(open.connection, userId)}
              onRemoved={() => navigate(MERGED_INBOX)}
            >
              {renderThread(open)}
            </ConversationDetail>
          </ConnectionContext.Provider>
        )}
      </section>
    </div>
  );
}

/** One line per connection that is slow or failing; the others' rows show regardless. */
function ConnectionNotices({ parts }: { parts: ConnectionPart[] }) {
  return (
    <>
      {parts.map((part) => {
        const name = connectionLabel(part.connection);
        if (part.error) {
          return <ErrorNotice key={part.connection.id} message={`${name}: ${describeError(part.error)}`} onRetry={part.retry} />;
        }
        if (part.refreshError) {
          return (
            <ErrorNotice
              key={part.connection.id}
              message={`${name}: could not refresh; its rows are what was loaded before. ${describeError(part.refreshError)}`}
              onRetry={part.retry}
            />
          );
        }
        if (part.retrying) {
          return (
            <Loading key={part.connection.id} retrying={describeError(part.retrying, 1)}>
              {`Waiting for ${name}…`}
            </Loading>
          );
        }
        return null;
      })}
    </>
  );
}

/** Every connection's operators (cached as the single inbox caches them), by connection. */
function useOperatorsOfAll(connections: ConnectionSummary[]): Map<ConnectionId, Operator[]> {
  return useQueries({
    queries: connections.map((connection) => operatorsQuery(connection)),
    combine: useCallback(
      (results: { data?: Operator[] }[]) => new Map(connections.map((c, i) => [c.id, results[i]?.data ?? []] as const)),
      [connections],
    ),
  });
}
