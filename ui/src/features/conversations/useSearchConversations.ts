import { useInfiniteQuery } from "@tanstack/react-query";
import { call, commands, queryKeys, streamPages, type Conversation, type ConnectionSummary } from "../../ipc";
import { useStoredInbox } from "../local/useStoredInbox";
import { limitOf, perPageOf, toSearchRequest, type ConversationFilters } from "./filters";

/**
 * Conversations matching the filters. Without a Limit, a page at a time (Crisp pages by path number from 1),
 * until a short or empty page; with one, up to Limit conversations at once through stream_conversations, which
 * pages from page 1 until it has them or the list ends. Until the first page arrives, the local store's copy of
 * it shows (`stored` is then true).
 */
export function useSearchConversations(connection: ConnectionSummary, filters: ConversationFilters) {
  const limit = limitOf(filters);
  const stored = useStoredInbox(connection, toSearchRequest(filters, connection.website_id, 1), limit == null);
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
    placeholderData: stored.data ? { pages: [stored.data], pageParams: [1] } : undefined,
  });
  const all = query.data?.pages.flat() ?? [];
  return { ...query, conversations: all, stored: query.isPlaceholderData };
}
