import { useInfiniteQuery } from "@tanstack/react-query";
import { call, commands, queryKeys, type Conversation, type ConnectionSummary } from "../../ipc";
import { limitOf, perPageOf, toSearchRequest, type ConversationFilters } from "./filters";

/**
 * Conversations matching the filters, a page at a time (Crisp pages by path number from 1). Paging stops at a
 * short or empty page, or once Limit conversations are loaded.
 */
export function useSearchConversations(connection: ConnectionSummary, filters: ConversationFilters) {
  const limit = limitOf(filters);
  const query = useInfiniteQuery({
    queryKey: queryKeys.conversations.search(connection.id, filters),
    initialPageParam: 1,
    queryFn: ({ pageParam }) =>
      call(commands.searchConversations(connection.id, toSearchRequest(filters, connection.website_id, pageParam))),
    getNextPageParam: (last: Conversation[], pages, lastPage) => {
      if (last.length < perPageOf(filters)) return undefined;
      if (limit != null && pages.reduce((n, p) => n + p.length, 0) >= limit) return undefined;
      return lastPage + 1;
    },
  });
  const all = query.data?.pages.flat() ?? [];
  return { ...query, conversations: limit != null ? all.slice(0, limit) : all };
}
