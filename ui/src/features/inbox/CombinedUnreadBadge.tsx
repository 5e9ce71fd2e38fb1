import { useQueries } from "@tanstack/react-query";
import { call, commands, queryKeys, type ConnectionSummary } from "../../ipc";
import "./inbox.css";

/**
 * Conversations with messages unread by operators, summed over every connection the monitor watches (each
 * connection's monitor status, kept current by its status updates; no request to Crisp).
 */
export function useCombinedUnread(connections: ConnectionSummary[]): number {
  return useQueries({
    queries: connections.map((connection) => ({
      // The same query as the monitor screen's status, so a status update refreshes both.
      queryKey: queryKeys.monitor.status(connection.id),
      queryFn: () => call(commands.monitorStatus(connection.id)),
      refetchInterval: 60_000,
      retry: false,
    })),
    combine: (results) => results.reduce((sum, r) => sum + (r.data?.unread_conversations ?? 0), 0),
  });
}

/** The merged inbox's nav badge: one unread count for every connection together (nothing when there is none). */
export function CombinedUnreadBadge({ connections }: { connections: ConnectionSummary[] }) {
  const unread = useCombinedUnread(connections);
  if (unread === 0) return null;
  return <span className="badge badge-unread nav-badge">{`${unread} unread`}</span>;
}
