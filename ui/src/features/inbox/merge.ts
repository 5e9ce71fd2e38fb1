import type { ConnectionId, Conversation } from "../../ipc";

/** One row of the merged inbox: a conversation and the connection it belongs to (every action uses that one). */
export interface MergedRow {
  connection: ConnectionId;
  conversation: Conversation;
}

/** Which timestamp the merged list is newest-first by; each connection's query is ordered by the same one. */
export type SortField = "updated_at" | "created_at";

/** What one connection has given so far: its conversations in its own newest-first order, and whether more exist. */
export interface MergeSource {
  connection: ConnectionId;
  /** The pages loaded so far, in order. */
  conversations: Conversation[];
  /**
   * `more`: Crisp has further pages (or the first is still loading), so the merge waits for them before going
   * past this connection's last loaded conversation. `end`: nothing more. `failed`: its query failed or waits to
   * be tried again; the others go on without it (its notice says why).
   */
  state: "more" | "end" | "failed";
}

/** The merged list as far as it is known to be in order. */
export interface Merged {
  rows: MergedRow[];
  /**
   * Connections whose next page is needed to go on: their loaded conversations are all in `rows` and what comes
   * after them may be newer than the others' next ones. Empty when the list is complete.
   */
  blocked: ConnectionId[];
}

/** The merged inbox's route: `#/all` lists, `#/all/<connection id>/<session id>` also opens that row. */
export const MERGED_INBOX = "all";

/** Where `#/all/<id>` points: a connection's conversation. */
export interface OpenRow {
  connection: ConnectionId;
  sessionId: string;
}

/** The route id of one row: the connection and the session, separated by the first `/`. */
export function rowPath(connection: ConnectionId, sessionId: string): string {
  return `${connection}/${sessionId}`;
}

/** The row a route id names, or null when it names none. */
export function parseRowPath(id: string | null): OpenRow | null {
  if (!id) return null;
  const slash = id.indexOf("/");
  if (slash <= 0 || slash === id.length - 1) return null;
  return { connection: id.slice(0, slash), sessionId: id.slice(slash + 1) };
}

/** A stable key for a row: the same conversation seen through two connections gives two rows. */
export function rowKey(row: MergedRow): string {
  return `${row.connection}\u0000${row.conversation?.session_id ?? ""}`;
}

function timestampOf(conversation: Conversation, field: SortField): number | null {
  if (!conversation || typeof conversation !== "object") return null;
  const value = field === "created_at" ? conversation.created_at : (conversation.updated_at ?? conversation.created_at);
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

interface Cursor {
  source: MergeSource;
  items: Conversation[];
  /** Sort key per item: its timestamp, or its predecessor's when it has none, so it keeps its place. */
  keys: number[];
  next: number;
}

function cursorOf(source: MergeSource, field: SortField): Cursor {
  const seen = new Set<string>();
  const items: Conversation[] = [];
  // A conversation that moved between two page loads comes twice; the first (newer) place wins.
  for (const conversation of source.conversations) {
    const id = conversation && typeof conversation === "object" ? conversation.session_id : null;
    if (id) {
      if (seen.has(id)) continue;
      seen.add(id);
    }
    items.push(conversation);
  }
  const keys: number[] = [];
  let previous = Number.POSITIVE_INFINITY;
  for (const conversation of items) {
    previous = timestampOf(conversation, field) ?? previous;
    keys.push(previous);
  }
  return { source, items, keys, next: 0 };
}

/**
 * Merges each connection's newest-first conversations into one newest-first list (a k-way merge on `field`),
 * stopping where a connection with more pages has no loaded conversation left: its next page could hold newer
 * ones than any other connection's next, so that connection is `blocked` until it is fetched. Failed
 * connections take part with what they loaded and never block. Ties keep the order of `sources`.
 */
export function mergeConversations(sources: MergeSource[], field: SortField = "updated_at"): Merged {
  const cursors = sources.map((source) => cursorOf(source, field));
  const rows: MergedRow[] = [];
  for (;;) {
    let best: Cursor | null = null;
    const blocked: ConnectionId[] = [];
    for (const cursor of cursors) {
      if (cursor.next < cursor.items.length) {
        if (!best || cursor.keys[cursor.next] > best.keys[best.next]) best = cursor;
      } else if (cursor.source.state === "more") {
        blocked.push(cursor.source.connection);
      }
    }
    if (blocked.length > 0 || !best) return { rows, blocked };
    rows.push({ connection: best.source.connection, conversation: best.items[best.next] });
    best.next += 1;
  }
}
