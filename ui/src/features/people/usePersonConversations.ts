import { useQuery } from "@tanstack/react-query";
import { call, commands, queryKeys } from "../../ipc";

/** The first page of conversations matching a person's email (search_conversations, text search). */
export function usePersonConversations(connection: string, websiteId: string, email: string) {
  return useQuery({
    queryKey: [...queryKeys.people.all(connection), "conversations", email] as const,
    queryFn: () =>
      call(
        commands.searchConversations(connection, {
          website_id: websiteId,
          search_query: email,
          search_type: "text",
          per_page: 20,
        }),
      ),
    enabled: Boolean(websiteId && email),
  });
}
