import { useInfiniteQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { call, commands, queryKeys, streamPages, type PeopleProfile_Deserialize } from "../../ipc";
import { limitOf, listRequest, perPageOf, type PeopleFilters } from "./peopleQuery";

/** Query key of one filtered people list. */
export const peopleListKey = (connection: string, filters: PeopleFilters) =>
  [...queryKeys.people.all(connection), "list", filters] as const;

/**
 * Without a Limit, pages of list_people_profiles, asked for one at a time as the table scrolls, until a short or
 * empty page; with one, up to Limit profiles at once through stream_people_profiles, which pages from page 1
 * until it has them or the list ends.
 */
export function useListPeopleProfiles(connection: string, websiteId: string, filters: PeopleFilters) {
  const limit = limitOf(filters);
  const query = useInfiniteQuery({
    queryKey: peopleListKey(connection, filters),
    initialPageParam: 1,
    queryFn: ({ pageParam }) => {
      const request = listRequest(websiteId, filters, pageParam);
      return limit === undefined
        ? call(commands.listPeopleProfiles(connection, request))
        : streamPages<PeopleProfile_Deserialize>(
            (onPage) => call(commands.streamPeopleProfiles(connection, { ...request, limit }, onPage)),
            limit,
          );
    },
    getNextPageParam: (last: PeopleProfile_Deserialize[], _pages, lastPage) => {
      if (limit !== undefined || last.length < perPageOf(filters)) return undefined;
      return lastPage + 1;
    },
    enabled: Boolean(websiteId),
    // Pages never change once loaded; deep-comparing thousands of profiles on every new page costs frames.
    structuralSharing: false,
  });

  const rows = useMemo(() => (query.data?.pages ?? []).flat(), [query.data]);

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
