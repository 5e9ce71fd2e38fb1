import type { StoredConversationHit } from "../../ipc";
import { conversationTitle } from "./ConversationList";
import type { ConversationFilters } from "./filters";

/** How long typing must pause before the store is asked (it answers in milliseconds; this only spares keystrokes). */
export const LOCAL_SEARCH_DEBOUNCE_MS = 120;

/** Results the local search shows. */
export const LOCAL_SEARCH_LIMIT = 20;

/** The filters with Crisp's own text search for `query` (what "Search on Crisp" runs), the other filters kept. */
export function withCrispSearch(filters: ConversationFilters, query: string): ConversationFilters {
  return { ...filters, search_query: query.trim(), search_type: "text", search_operator: "and" };
}

/** A hit's row title: the stored conversation's name, else its email, else the session ID. */
export function hitTitle(hit: StoredConversationHit): string {
  return hit.conversation ? conversationTitle(hit.conversation) : hit.session_id;
}

/** What the results' status line says. */
export function localSearchStatus(query: string, hits: number | null): string {
  if (hits == null) return `Searching stored conversations for “${query}”…`;
  if (hits === 0) return `No stored conversation matches “${query}”.`;
  if (hits === 1) return `1 stored conversation matches “${query}”.`;
  return `${hits === LOCAL_SEARCH_LIMIT ? `First ${hits}` : hits} stored conversations match “${query}”.`;
}
