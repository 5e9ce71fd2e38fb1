import { useInfiniteQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { call, commands, queryKeys } from "../../ipc";
import { limitOf, listRequest, perPageOf, type PeopleFilters } from "./peopleQuery";

/** Query key of one filtered people list. */
export const peopleListKey = (connection: string, filters: PeopleFilters) =>
  [...queryKeys.people.all(connection), "list", filters] as const;

/**
 * Pages of list_people_profiles, asked for one at a time as the table scrolls. The list ends at a short
 * or empty page, or once Limit profiles are loaded.
 */
export function useListPeopleProfiles(connection: string, websiteId: string, filters: PeopleFilters) {
  const limit = limitOf(filters);
  const query = useInfiniteQuery({
    queryKey: peopleListKey(connection, filters),
    initialPageParam: 1,
    queryFn: ({ pageParam }) =>
      call(commands.listPeopleProfiles(connection, listRequest(websiteId, filters, pageParam))),
    getNextPageParam: (last, pages, lastPage) => {
      const loaded = pages.reduce((sum, page) => sum + page.length, 0);
      if (last.length < perPageOf(filters)) return undefined;
      if (limit !== undefined && loaded >= limit) return undefined;
      return lastPage + 1;
    },
    enabled: Boolean(websiteId),
    // Pages never change once loaded; deep-comparing thousands of profiles on every new page costs frames.
    structuralSharing: false,
  });

  const rows = useMemo(() => {
    const all = (query.data?.pages ?? []).flat();
    return limit !== undefined ? all.slice(0, limit) : all;
  }, [query.data, limit]);

  const { fetchNextPage, hasNextPage, isFetchingNextPage } = query;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [fetchNextPage, hasNextPage, isFetchingNextPage]);

  return {
    rows,
    loading: query.isPending,
    loadingMore: isFetchingNextPage,
    hasMore: Boolean(hasNextPage),
    loadMore,
    error: query.error ? query.error.message : null,
    retry: () => void query.refetch(),
  };
}
