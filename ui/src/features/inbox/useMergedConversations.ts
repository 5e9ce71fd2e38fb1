import { useCallback, useMemo } from "react";
import { queryKeys, type ConnectionSummary, type Conversation } from "../../ipc";
import type { ConversationFilters } from "../conversations/filters";
import { conversationPages } from "../conversations/useSearchConversations";
import { mergeConversations, type MergeSource, type MergedRow, type SortField } from "./merge";
import { useInfiniteQueries, type PagesResult } from "./useInfiniteQueries";

/** How one connection's part of the merged inbox is doing. */
export interface ConnectionPart {
  connection: ConnectionSummary;
  /** Its first page is on the way (`retrying` says why it takes longer). */
  loading: boolean;
  /** Why a read is being tried again (a rate limit), while it is; meanwhile the others' rows go on without it. */
  retrying: unknown;
  /** Its query failed and it shows nothing more; the others go on. */
  error: unknown;
  /** A refresh failed; it shows what was loaded before. */
  refreshError: unknown;
  /** Asks its failed pages again. */
  retry: () => void;
}

/** The merged inbox's list: rows newest first, each connection's part, and the way to the next rows. */
export interface MergedConversations {
  rows: MergedRow[];
  parts: ConnectionPart[];
  sortField: SortField;
  /** No row is known yet because a connection's first page is still loading. */
  loading: boolean;
  /** A connection's next page is on the way. */
  loadingMore: boolean;
  /** More rows follow once `loadMore` fetched the pages they wait for. */
  hasMore: boolean;
  /** Fetches the next page of each connection the merge waits for (and only those). */
  loadMore: () => void;
}

/**
 * The filters each connection's query is sent with, and what the merged list is ordered by: the list's order
 * must be each connection's order, so the query asks Crisp for the update order unless creation order was chosen.
 */
export function mergedFilters(filters: ConversationFilters): { filters: ConversationFilters; sortField: SortField } {
  if (filters.order_date_created && !filters.order_date_updated) return { filters, sortField: "created_at" };
  return { filters: { ...filters, order_date_updated: true }, sortField: "updated_at" };
}

/**
 * Every connection's conversations with the same filters, merged newest first. Each connection pages on its
 * own (its own scheduler and budget on the Rust side) as the single inbox does (`conversationPages`): its next
 * page is asked for only when the merge has used its loaded conversations and the list needs the rows after them,
 * and a refresh reads it again from page 1 only until a page joins what was loaded, so a connection with many
 * pages loaded costs one request or a few. Its next page waits while it is being refreshed. With a Limit, each
 * connection loads up to that many at once. A failing connection shows what it loaded and never holds the
 * others back.
 */
export function useMergedConversations(connections: ConnectionSummary[], chosen: ConversationFilters): MergedConversations {
  const { filters, sortField } = useMemo(() => mergedFilters(chosen), [chosen]);
  const results = useInfiniteQueries(
    connections.map((connection) => conversationPages(connection, filters, queryKeys.conversations.merged(connection.id, filters))),
  );
  // `results` is the same array while no connection's query changed.
  const parts = useMemo(() => connections.map((connection, i) => connectionPart(connection, results[i])), [results, connections]);

  const merged = useMemo(() => mergeConversations(parts.map((p) => p.source), sortField), [parts, sortField]);
  const loadingMore = parts.some((p) => p.pendingMore);
  const blocked = merged.blocked;

  const loadMore = useCallback(() => {
    for (const part of parts) {
      if (part.nextReady && blocked.includes(part.connection.id)) void part.fetchNextPage({ cancelRefetch: false });
    }
  }, [blocked, parts]);

  return {
    rows: merged.rows,
    parts: parts.map((p) => p.part),
    sortField,
    loading: merged.rows.length === 0 && parts.some((p) => p.part.loading),
    loadingMore,
    hasMore: blocked.length > 0,
    loadMore,
  };
}

/**
 * One connection's pages as a merge source (its loaded conversations, and whether more follow), as what the
 * screen shows of it, and whether its next page may be asked for now (not while it is being refreshed).
 */
export function connectionPart(connection: ConnectionSummary, result: PagesResult<Conversation[]>) {
  const { data, error, isError, failureReason, isFetching, isFetchingNextPage, isFetchNextPageError, isRefetchError, hasNextPage } = result;
  // Its first page or its next one failed: it shows what it loaded and nothing more.
  const failed = (!data && isError) || (!isFetchingNextPage && isFetchNextPageError) ? error : null;
  // Waiting out a rate limit before asking that page again: the others go on meanwhile, as past a failure.
  const retrying = (!data || isFetchingNextPage) && !failed && failureReason ? failureReason : null;
  const refreshError = !isFetchingNextPage && isRefetchError ? error : null;
  const state: MergeSource["state"] = failed || retrying ? "failed" : data && !hasNextPage ? "end" : "more";
  const pendingMore = Boolean(data) && isFetchingNextPage;
  const part: ConnectionPart = {
    connection,
    loading: result.isPending,
    retrying,
    error: failed,
    refreshError,
    retry: () => void (isFetchNextPageError ? result.fetchNextPage() : result.refetch()),
  };
  const source: MergeSource = { connection: connection.id, conversations: data ? data.pages.flat() : [], state };
  // The refresh decides which loaded pages stand and where the next one starts.
  const nextReady = Boolean(data) && hasNextPage && !isFetching && state === "more";
  return { part, source, pendingMore, nextReady, fetchNextPage: result.fetchNextPage, connection };
}
