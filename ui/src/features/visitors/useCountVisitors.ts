import { useQuery } from "@tanstack/react-query";
import { call, commands, queryKeys } from "../../ipc";

/** How often the count and the list refresh while the visitors screen is shown. */
export const REFRESH_MS = 15_000;

/**
 * count_visitors, refreshed every REFRESH_MS while mounted; TanStack Query pauses interval refetches while
 * the window is hidden (`refetchIntervalInBackground` stays false).
 */
export function useCountVisitors(connection: string, websiteId: string) {
  return useQuery({
    queryKey: [...queryKeys.visitors.all(connection), "count", websiteId],
    queryFn: () => call(commands.countVisitors(connection, { website_id: websiteId })),
    refetchInterval: REFRESH_MS,
    enabled: Boolean(websiteId),
  });
}
