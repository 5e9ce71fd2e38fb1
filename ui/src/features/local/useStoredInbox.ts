import { useQuery } from "@tanstack/react-query";
import { call, commands, queryKeys, type ConnectionSummary, type Conversation, type SearchConversations } from "../../ipc";

/**
 * The conversations the local store holds for a list request, read at once without asking Crisp (empty when the
 * request searches or filters, which only Crisp can answer). The inbox shows them, marked as stored, until
 * Crisp's answer replaces them.
 */
export function useStoredInbox(connection: ConnectionSummary, request: SearchConversations, enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.conversations.all(connection.id), "stored", request] as const,
    queryFn: () => call(commands.storedInbox(connection.id, request)),
    enabled,
    // Read once per request: the network answer is what replaces it, not a second read of the store.
    staleTime: Infinity,
    retry: false,
    select: (stored): Conversation[] | null => (stored.filtered || stored.conversations.length === 0 ? null : stored.conversations),
  });
}
