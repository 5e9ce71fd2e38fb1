import { useMemo } from "react";
import { isObject } from "../../components/lenient";
import type { ConnectionId, ConnectionSummary, Conversation } from "../../ipc";
import { conversationTitle } from "./ConversationList";
import type { SelectableRow } from "./selection";
import { useSelection, type ListSelection } from "./useSelection";

/**
 * The selectable row of a listed conversation of `connectionId`. `connection`: its summary, `undefined` once it is
 * no longer saved. A row Crisp sent that is not a conversation, or has no session ID, or whose connection is gone,
 * is listed but cannot be selected (an empty session ID: see selection.ts).
 */
export function selectableRow(
  connectionId: ConnectionId,
  connection: Pick<ConnectionSummary, "website_id"> | undefined,
  conversation: Conversation,
): SelectableRow {
  return {
    connection: connectionId,
    websiteId: connection?.website_id ?? "",
    sessionId: (isObject(conversation) && connection ? conversation.session_id : null) ?? "",
    title: isObject(conversation) ? conversationTitle(conversation) : "Conversation",
  };
}

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
    const known = isObject(c) ? remembered.get(c) : undefined;
    if (known) return known;
    const row = selectableRow(connection.id, connection, c);
    if (isObject(c)) remembered.set(c, row);
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
