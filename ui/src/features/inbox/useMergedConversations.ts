import { useQueries } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { call, commands, queryKeys, streamPages, type ConnectionSummary, type Conversation } from "../../ipc";
import { limitOf, perPageOf, toSearchRequest, type ConversationFilters } from "../conversations/filters";
import { mergeConversations, type MergeSource, type MergedRow, type SortField } from "./merge";

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
 * own (its own scheduler and budget on the Rust side); a connection's next page is asked for only when the merge
 * has used its loaded conversations and the list needs the rows after them. With a Limit, each connection loads
 * up to that many at once, as the single inbox does. A failing connection shows what it loaded and never holds
 * the others back.
 */
export function useMergedConversations(connections: ConnectionSummary[], chosen: ConversationFilters): MergedConversations {
  const { filters, sortField } = useMemo(() => mergedFilters(chosen), [chosen]);
  const limit = limitOf(filters);
  const perPage = perPageOf(filters);
  // Pages asked for per connection; a change of filters starts every connection again at page 1.
  const [wanted, setWanted] = useState<{ filters: ConversationFilters; pages: Record<string, number> }>({ filters, pages: {} });
  const pages = wanted.filters === filters ? wanted.pages : {};
  const pageCount = (connection: ConnectionSummary) => (limit == null ? (pages[connection.id] ?? 1) : 1);

  const queries = connections.flatMap((connection) =>
    Array.from({ length: pageCount(connection) }, (_, i) => {
      const page = i + 1;
      return {
        queryKey: queryKeys.conversations.merged(connection.id, filters, page),
        queryFn: (): Promise<Conversation[]> => {
          const request = toSearchRequest(filters, connection.website_id, page);
          return limit == null
            ? call(commands.searchConversations(connection.id, request))
            : streamPages<Conversation>((onPage) => call(commands.streamConversations(connection.id, { ...request, limit }, onPage)), limit);
        },
      };
    }),
  );
  const results = useQueries({ queries, combine: pageResults });

  const parts = useMemo(() => {
    let at = 0;
    return connections.map((connection) => {
      const own = results.slice(at, at + pageCount(connection));
      at += own.length;
      return partOf(connection, own, limit != null ? Number.POSITIVE_INFINITY : perPage);
    });
    // `results` changes (structurally shared) whenever a page does, and with the pages asked for.
  }, [results, connections, limit, perPage]);

  const merged = useMemo(() => mergeConversations(parts.map((p) => p.source), sortField), [parts, sortField]);
  const loadingMore = parts.some((p) => p.pendingMore);
  const blocked = merged.blocked;

  const loadMore = useCallback(() => {
    const ready = blocked.filter((id) => parts.some((p) => p.connection.id === id && !p.loading && !p.pendingMore));
    if (ready.length === 0) return;
    setWanted((current) => {
      const base = current.filters === filters ? current.pages : {};
      const next = { ...base };
      for (const id of ready) next[id] = (base[id] ?? 1) + 1;
      return { filters, pages: next };
    });
  }, [blocked, parts, filters]);

  return {
    rows: merged.rows,
    parts: parts.map((p) => p.part),
    sortField,
    loading: merged.rows.length === 0 && parts.some((p) => p.loading),
    loadingMore,
    hasMore: blocked.length > 0,
    loadMore,
  };
}

/** What the merge needs of one page's query; `combine` keeps it the same object while the page is unchanged. */
interface PageResult {
  data: Conversation[] | undefined;
  error: unknown;
  isError: boolean;
  isPending: boolean;
  failureReason: unknown;
  refetch: () => unknown;
}

function pageResults(results: PageResult[]): PageResult[] {
  return results.map(({ data, error, isError, isPending, failureReason, refetch }) => ({
    data,
    error,
    isError,
    isPending,
    failureReason,
    refetch,
  }));
}

/**
 * One connection's pages as a merge source (its conversations up to the first page not loaded, and whether more
 * follow) and as what the screen shows of it. A page shorter than `fullPage` ends the connection's list.
 */
function partOf(connection: ConnectionSummary, pages: PageResult[], fullPage: number) {
  const conversations: Conversation[] = [];
  let state: MergeSource["state"] = "more";
  let error: unknown = null;
  let refreshError: unknown = null;
  let pendingMore = false;
  let retrying: unknown = null;
  for (const [index, page] of pages.entries()) {
    if (page.data) {
      conversations.push(...page.data);
      if (page.isError) refreshError = page.error;
      if (page.data.length < fullPage) {
        state = "end";
        break;
      }
      continue;
    }
    if (page.isError) {
      state = "failed";
      error = page.error;
    } else {
      pendingMore = index > 0;
      if (page.failureReason) {
        // Waiting out a rate limit before asking again: the others go on meanwhile, as past a failure.
        state = "failed";
        retrying = page.failureReason;
      }
    }
    break;
  }
  const first = pages[0];
  const part: ConnectionPart = {
    connection,
    loading: Boolean(first?.isPending),
    retrying,
    error,
    refreshError,
    retry: () => pages.forEach((page) => (page.isError ? void page.refetch() : undefined)),
  };
  const source: MergeSource = { connection: connection.id, conversations, state };
  return { part, source, loading: part.loading, pendingMore, connection };
}
