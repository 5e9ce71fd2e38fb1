import {
  infiniteQueryOptions,
  useInfiniteQuery,
  type DefaultError,
  type InfiniteData,
  type QueryClient,
  type QueryKey,
} from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { call, commands, queryKeys, streamPages, type Conversation, type ConnectionSummary } from "../../ipc";
import { earlyFirst, type EarlyRequests } from "../../session/early";
import { storedInboxQuery, storedRows, useStoredInbox } from "../local/useStoredInbox";
import { EMPTY_FILTERS, limitOf, perPageOf, toSearchRequest, type ConversationFilters } from "./filters";
import { distinctConversationsOf, joinRefreshedPage } from "./refresh";

/** The loaded pages of a refresh in flight whose refreshed pages already joined them (the rest stand as loaded). */
const joined = new WeakSet<InfiniteData<Conversation[], number>>();

/**
 * A connection's conversations matching the filters as an infinite query under `queryKey`. Without a Limit, a
 * page at a time (Crisp pages by path number from 1), until a short or empty page; with one, up to Limit
 * conversations at once through stream_conversations, which pages from page 1 until it has them or the list ends.
 *
 * A refresh (an event, a change made here, focus) reads from page 1 only until a page joins what was loaded
 * (`joinRefreshedPage`), and keeps the pages after it: with thousands of conversations loaded it asks Crisp for
 * one page, not for every page again.
 */
export function conversationPages(connection: ConnectionSummary, filters: ConversationFilters, queryKey: QueryKey) {
  const limit = limitOf(filters);
  return infiniteQueryOptions<Conversation[], DefaultError, InfiniteData<Conversation[], number>, QueryKey, number>({
    queryKey,
    initialPageParam: 1,
    queryFn: async ({ pageParam, queryKey, client }): Promise<Conversation[]> => {
      const request = toSearchRequest(filters, connection.website_id, pageParam);
      if (limit != null) {
        return streamPages<Conversation>(
          (onPage) => call(commands.streamConversations(connection.id, { ...request, limit }, onPage)),
          limit,
        );
      }
      const loaded = client.getQueryData<InfiniteData<Conversation[], number>>(queryKey);
      const index = loaded ? loaded.pageParams.indexOf(pageParam) : -1;
      // The first load, or the next page: nothing loaded to keep.
      if (!loaded || index < 0) return call(commands.searchConversations(connection.id, request));
      if (index === 0) joined.delete(loaded);
      else if (joined.has(loaded)) return loaded.pages[index];
      const fresh = await call(commands.searchConversations(connection.id, request));
      const page = joinRefreshedPage(fresh, loaded.pages, index, perPageOf(filters));
      if (page == null) return fresh;
      joined.add(loaded);
      return page;
    },
    getNextPageParam: (last: Conversation[], _pages, lastPage: number) => {
      if (limit != null || last.length < perPageOf(filters)) return undefined;
      return lastPage + 1;
    },
    // What is written (a page, a refresh, a live change) is kept as written, never deep-compared with what was
    // loaded: with 10,000 rows loaded, comparing them cost each live change over 100 ms in the window's engine.
    structuralSharing: false,
  });
}

/**
 * Conversations matching the filters, paged and refreshed as `conversationPages` says. Until the first page
 * arrives, the local store's copy of it shows (`stored` is then true).
 */
export function useSearchConversations(connection: ConnectionSummary, filters: ConversationFilters) {
  const limit = limitOf(filters);
  const stored = useStoredInbox(connection, toSearchRequest(filters, connection.website_id, 1), limit == null);
  const query = useInfiniteQuery({
    ...conversationPages(connection, filters, queryKeys.conversations.search(connection.id, filters)),
    placeholderData: stored.data ? { pages: [stored.data], pageParams: [1] } : undefined,
    // A failure seen before the list showed (the first screen's prefetch) is shown, not asked again on mount;
    // "Try again" asks again.
    retryOnMount: false,
  });
  // Read again with every page loaded: only the new page is read when the pages before it stand as they were.
  const [distinct] = useState(distinctConversationsOf);
  const conversations = useMemo(() => distinct(query.data?.pages), [query.data, distinct]);
  return { ...query, conversations, stored: query.isPlaceholderData };
}

/**
 * Asks, before the inbox first renders, for what it shows first: the first page with no filter and the stored
 * copy of it, into the same queries `useSearchConversations` reads. Resolves once rows can show: Crisp's page, or
 * the stored copy when it holds rows (a slow network then does not hold the first screen back). Answers the page's
 * entry already asked for (`early`) are taken when they are for this connection and this request.
 */
export async function prefetchInbox(client: QueryClient, connection: ConnectionSummary, early?: EarlyRequests): Promise<void> {
  const filters = EMPTY_FILTERS;
  const request = toSearchRequest(filters, connection.website_id, 1);
  const asked = await early?.inbox;
  const taken = asked && asked.connection === connection.id && sameJson(asked.request, request) ? asked : null;
  const pages = conversationPages(connection, filters, queryKeys.conversations.search(connection.id, filters));
  const page = client.prefetchInfiniteQuery(taken ? { ...pages, queryFn: earlyFirst(taken.page, pages.queryFn) } : pages);
  const storedQuery = storedInboxQuery(connection, request);
  const stored = client
    .fetchQuery(taken ? { ...storedQuery, queryFn: earlyFirst(taken.stored, storedQuery.queryFn) } : storedQuery)
    .then((inbox) => (storedRows(inbox) ? undefined : page), () => page);
  return Promise.race([page, stored]);
}

/** Whether two requests say the same (their JSON, keys in order). */
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
