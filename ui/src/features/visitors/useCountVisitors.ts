import { useQuery } from "@tanstack/react-query";
import { call, commands, queryKeys } from "../../ipc";
import { useIsLive } from "../../session/live";

/** How often the count and the list refresh while the visitors screen is shown and the socket is down. */
export const REFRESH_MS = 15_000;

/** The visitors screen's refresh interval: none while the connection is live on Crisp's socket (the count comes
 * from `website:update_visitors_count`, and a count change reads the list again), REFRESH_MS otherwise. */
export function useVisitorsRefreshMs(connection: string): number | false {
  return useIsLive(connection) ? false : REFRESH_MS;
}

/**
 * count_visitors, refreshed every REFRESH_MS while mounted and not live; TanStack Query pauses interval refetches
 * while the window is hidden (`refetchIntervalInBackground` stays false).
 */
export function useCountVisitors(connection: string, websiteId: string) {
  const refetchInterval = useVisitorsRefreshMs(connection);
  return useQuery({
    queryKey: [...queryKeys.visitors.all(connection), "count", websiteId],
    queryFn: () => call(commands.countVisitors(connection, { website_id: websiteId })),
    refetchInterval,
    enabled: Boolean(websiteId),
  });
}
