import { useQuery } from "@tanstack/react-query";
import { call, commands, queryKeys, streamPages, type Visitor_Deserialize } from "../../ipc";
import { useVisitorsRefreshMs } from "./useCountVisitors";

/**
 * The visitor list, refreshed like the count: with a Limit, up to that many visitors over as many pages as it
 * takes (stream_visitors, from page 1); without one, the one page `page` (list_visitors).
 */
export function useListVisitors(connection: string, websiteId: string, page: number, limit: number | undefined, enabled: boolean) {
  const refetchInterval = useVisitorsRefreshMs(connection);
  return useQuery({
    queryKey: [...queryKeys.visitors.all(connection), "list", websiteId, limit === undefined ? page : "limit", limit],
    queryFn: () =>
      limit === undefined
        ? call(commands.listVisitors(connection, { website_id: websiteId, page }))
        : streamPages<Visitor_Deserialize>(
            (onPage) => call(commands.streamVisitors(connection, { website_id: websiteId, limit }, onPage)),
            limit,
          ),
    refetchInterval,
    enabled: Boolean(websiteId) && enabled,
  });
}
