import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { known } from "../../components/lenient";
import { call, commands, queryKeys, type ConnectionSummary } from "../../ipc";

/** The routing query's key: under the conversation's own, so whatever refreshes conversations refreshes it. */
function routingKey(connection: ConnectionSummary, sessionId: string) {
  return [...queryKeys.conversations.one(connection.id, sessionId), "routing"] as const;
}

/** Who the conversation is assigned to (get_conversation_routing): the operator's user ID, or null for nobody. */
export function useGetConversationRouting(connection: ConnectionSummary, sessionId: string) {
  return useQuery({
    queryKey: routingKey(connection, sessionId),
    queryFn: async () => {
      const routing = await call(
        commands.getConversationRouting(connection.id, { website_id: connection.website_id, session_id: sessionId }),
      );
      return known(routing?.assigned)?.user_id ?? null;
    },
  });
}

/** Assigns the conversation to an operator, or to nobody with null; the conversation and the list refresh. */
export function useAssignConversationRouting(connection: ConnectionSummary, sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string | null) =>
      call(
        commands.assignConversationRouting(connection.id, {
          website_id: connection.website_id,
          session_id: sessionId,
          body: { assigned: userId ? { user_id: userId } : null },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.conversations.all(connection.id) }),
  });
}
