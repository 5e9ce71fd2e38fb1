import { useMutation, useQueryClient } from "@tanstack/react-query";
import { call, commands, queryKeys } from "../../ipc";

/**
 * Starts a conversation with a visitor: send_message into the visitor's session (its `session_id` is the
 * conversation), as an operator text message in the chat. The visitor list refetches after it.
 */
export function useMessageVisitor(connection: string, websiteId: string, sessionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (content: string) =>
      call(
        commands.sendMessage(connection, {
          website_id: websiteId,
          session_id: sessionId,
          body: { type: "text", from: "operator", origin: "chat", content },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.visitors.all(connection) }),
  });
}
