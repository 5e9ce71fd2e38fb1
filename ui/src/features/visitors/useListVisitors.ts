import { useQuery } from "@tanstack/react-query";
import { call, commands, queryKeys } from "../../ipc";
import { REFRESH_MS } from "./useCountVisitors";

/** One page of list_visitors (with the optional Limit), refreshed like the count. */
export function useListVisitors(connection: string, websiteId: string, page: number, limit: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.visitors.all(connection), "list", websiteId, page, limit],
    queryFn: () =>
      call(
        commands.listVisitors(connection, {
          website_id: websiteId,
          page,
          ...(limit !== undefined ? { limit } : {}),
        }),
      ),
    refetchInterval: REFRESH_MS,
    enabled: Boolean(websiteId) && enabled,
  });
}
