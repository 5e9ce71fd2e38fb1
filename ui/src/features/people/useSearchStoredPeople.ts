import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { call, commands, queryKeys, type ConnectionId } from "../../ipc";
import { LOCAL_PEOPLE_LIMIT } from "./localPeopleSearch";

/** The connection's stored people profiles matching `query` (nothing asked while it is empty). */
export function useSearchStoredPeople(connection: ConnectionId, query: string) {
  return useQuery({
    queryKey: queryKeys.local.search(connection, "people", query),
    queryFn: () => call(commands.searchStoredPeopleProfiles(connection, { query, limit: LOCAL_PEOPLE_LIMIT })),
    enabled: query !== "",
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
