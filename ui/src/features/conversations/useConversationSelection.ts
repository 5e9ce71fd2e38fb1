import { useMemo } from "react";
import type { ConnectionSummary, Conversation } from "../../ipc";
import { conversationTitle } from "./ConversationList";
import { useSelection, type ListSelection } from "./useSelection";

/** A selection over one connection's listed conversations (the single inbox). */
export function useConversationSelection(connection: ConnectionSummary, conversations: readonly Conversation[]): ListSelection {
  const rows = useMemo(
    () =>
      conversations.map((c) => ({
        connection: connection.id,
        websiteId: connection.website_id,
        // A row Crisp sent without a session ID is listed but cannot be selected (see selection.ts).
        sessionId: c?.session_id ?? "",
        title: c ? conversationTitle(c) : "Conversation",
      })),
    [conversations, connection.id, connection.website_id],
  );
  return useSelection(rows);
}
