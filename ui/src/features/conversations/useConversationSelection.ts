import { useMemo } from "react";
import type { ConnectionSummary, Conversation } from "../../ipc";
import { conversationTitle } from "./ConversationList";
import type { SelectableRow } from "./selection";
import { useSelection, type ListSelection } from "./useSelection";

/**
 * The selectable rows of one connection's listed conversations, read through `remembered`: a conversation object
 * seen before gives the same row again, so a list read again with every page loaded costs a lookup per row.
 */
export function selectableConversations(
  connection: Pick<ConnectionSummary, "id" | "website_id">,
  conversations: readonly Conversation[],
  remembered: WeakMap<object, SelectableRow>,
): SelectableRow[] {
  return conversations.map((c) => {
    const known = typeof c === "object" && c !== null ? remembered.get(c) : undefined;
    if (known) return known;
    const row = {
      connection: connection.id,
      websiteId: connection.website_id,
      // A row Crisp sent without a session ID is listed but cannot be selected (see selection.ts).
      sessionId: c?.session_id ?? "",
      title: c ? conversationTitle(c) : "Conversation",
    };
    if (typeof c === "object" && c !== null) remembered.set(c, row);
    return row;
  });
}

/** A selection over one connection's listed conversations (the single inbox). */
export function useConversationSelection(connection: ConnectionSummary, conversations: readonly Conversation[]): ListSelection {
  const { id, website_id } = connection;
  // Rows remembered per connection: a row names its connection and website.
  const remembered = useMemo(() => new WeakMap<object, SelectableRow>(), [id, website_id]);
  const rows = useMemo(
    () => selectableConversations({ id, website_id }, conversations, remembered),
    [conversations, id, website_id, remembered],
  );
  return useSelection(rows);
}
