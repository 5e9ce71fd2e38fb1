import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { call, commands, queryKeys, type ConnectionId } from "../../ipc";
import { LOCAL_SEARCH_LIMIT } from "./localSearch";

/** The connection's stored conversations matching `query` (nothing asked while it is empty); earlier results stay while the next answer comes. */
export function useSearchStoredConversations(connection: ConnectionId, query: string) {
  return useQuery({
    queryKey: queryKeys.local.search(connection, "conversations", query),
    queryFn: () => call(commands.searchStoredConversations(connection, { query, limit: LOCAL_SEARCH_LIMIT })),
    enabled: query !== "",
    placeholderData: keepPreviousData,
    // The store changes as answers and events arrive; a search is cheap, so it is asked again each time.
    staleTime: 0,
  });
}
