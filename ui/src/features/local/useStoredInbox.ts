import { queryOptions, useQuery } from "@tanstack/react-query";
import { call, commands, queryKeys, type ConnectionSummary, type Conversation, type SearchConversations, type StoredInbox } from "../../ipc";

/** The query of the local store's copy of a list request's conversations (read once per request). */
export const storedInboxQuery = (connection: ConnectionSummary, request: SearchConversations) =>
  queryOptions({
    queryKey: [...queryKeys.conversations.all(connection.id), "stored", request] as const,
    queryFn: () => call(commands.storedInbox(connection.id, request)),
    // Read once per request: the network answer is what replaces it, not a second read of the store.
    staleTime: Infinity,
    retry: false,
  });

/** The stored rows worth showing: none when the request filters (only Crisp can answer) or nothing is stored. */
export const storedRows = (stored: StoredInbox): Conversation[] | null =>
  stored.filtered || stored.conversations.length === 0 ? null : stored.conversations;

/**
 * The conversations the local store holds for a list request, read at once without asking Crisp (empty when the
 * request searches or filters, which only Crisp can answer). The inbox shows them, marked as stored, until
 * Crisp's answer replaces them.
 */
export function useStoredInbox(connection: ConnectionSummary, request: SearchConversations, enabled: boolean) {
  return useQuery({ ...storedInboxQuery(connection, request), enabled, select: storedRows });
}
