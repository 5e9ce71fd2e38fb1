import { useInfiniteQuery } from "@tanstack/react-query";
import { call, commands, queryKeys, streamPages, type Conversation, type ConnectionSummary } from "../../ipc";
import { limitOf, perPageOf, toSearchRequest, type ConversationFilters } from "./filters";

/**
 * Conversations matching the filters. Without a Limit, a page at a time (Crisp pages by path number from 1),
 * until a short or empty page; with one, up to Limit conversations at once through stream_conversations, which
 * pages from page 1 until it has them or the list ends.
 */
export function useSearchConversations(connection: ConnectionSummary, filters: ConversationFilters) {
  const limit = limitOf(filters);
  const query = useInfiniteQuery({
    queryKey: queryKeys.conversations.search(connection.id, filters),
    initialPageParam: 1,
    queryFn: ({ pageParam }) => {
      const request = toSearchRequest(filters, connection.website_id, pageParam);
      return limit == null
        ? call(commands.searchConversations(connection.id, request))
        : streamPages<Conversation>(
            (onPage) => call(commands.streamConversations(connection.id, { ...request, limit }, onPage)),
            limit,
          );
    },
    getNextPageParam: (last: Conversation[], _pages, lastPage) => {
      if (limit != null || last.length < perPageOf(filters)) return undefined;
      return lastPage + 1;
    },
  });
  const all = query.data?.pages.flat() ?? [];
  return { ...query, conversations: all };
}
