import { useQueries } from "@tanstack/react-query";
import { useCallback } from "react";
import { call, commands, queryKeys, type ConnectionSummary } from "../../ipc";
import "./inbox.css";

/** The unread conversations of every connection together, and the connections that count is blind to. */
export interface CombinedUnread {
  /** Conversations with messages unread by operators, summed over the watched connections. */
  total: number;
  /** Connections the monitor does not watch: their unread conversations are not in `total`. */
  unwatched: ConnectionSummary[];
}

/**
 * Sums each connection's monitor status (`unread_conversations`, kept current by the monitor's status updates;
 * no request to Crisp). A connection without a status is not watched and counts for nothing.
 */
export function useCombinedUnread(connections: ConnectionSummary[]): CombinedUnread {
  return useQueries({
    queries: connections.map((connection) => ({
      // The same query as the monitor's footer and screen, so a pushed status updates every one of them.
      queryKey: queryKeys.monitor.status(connection.id),
      queryFn: () => call(commands.monitorStatus(connection.id)),
      refetchInterval: 60_000,
      retry: false,
    })),
    combine: useCallback(
      (results: { data?: { unread_conversations: number } | null; isSuccess: boolean }[]) => ({
        total: results.reduce((sum, r) => sum + (r.data?.unread_conversations ?? 0), 0),
        unwatched: connections.filter((_, i) => results[i]?.isSuccess && results[i].data == null),
      }),
      [connections],
    ),
  });
}

/** The merged inbox's nav badge: one unread count for every connection together (nothing when there is none). */
export function CombinedUnreadBadge({ connections }: { connections: ConnectionSummary[] }) {
  const { total } = useCombinedUnread(connections);
  if (total === 0) return null;
  return <span className="badge badge-unread nav-badge">{`${total} unread`}</span>;
}
