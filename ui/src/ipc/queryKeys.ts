import type { ConnectionId } from "../bindings";

/**
 * Every TanStack Query key, built in one place so a mutation invalidates exactly what it changed.
 * Keys start with the connection, so switching connections never shows another workspace's data.
 */
export const queryKeys = {
  connections: {
    all: () => ["connections"] as const,
  },
  conversations: {
    all: (connection: ConnectionId) => [connection, "conversations"] as const,
    search: (connection: ConnectionId, filters: unknown) => [connection, "conversations", "search", filters] as const,
    one: (connection: ConnectionId, sessionId: string) => [connection, "conversations", "one", sessionId] as const,
    /** A connection's pages in the merged inbox (all connections' conversations together). */
    merged: (connection: ConnectionId, filters: unknown) => [connection, "conversations", "merged", filters] as const,
  },
  messages: {
    list: (connection: ConnectionId, sessionId: string) => [connection, "messages", sessionId] as const,
    thread: (connection: ConnectionId, sessionId: string, before: number | null, limit: number | null) =>
      [connection, "messages", sessionId, "thread", before, limit] as const,
    one: (connection: ConnectionId, sessionId: string, fingerprint: number) =>
      [connection, "messages", sessionId, "one", fingerprint] as const,
    /** Whether the visitor is typing (set from the real-time socket's events, never fetched). */
    composing: (connection: ConnectionId, sessionId: string) => [connection, "messages", sessionId, "composing"] as const,
  },
  operators: {
    list: (connection: ConnectionId, websiteId: string) => [connection, "operators", websiteId] as const,
  },
  people: {
    all: (connection: ConnectionId) => [connection, "people"] as const,
  },
  visitors: {
    all: (connection: ConnectionId) => [connection, "visitors"] as const,
  },
  websites: {
    all: (connection: ConnectionId) => [connection, "websites"] as const,
  },
  /** The connection's canned replies (app data in its local store). */
  cannedReplies: {
    list: (connection: ConnectionId) => [connection, "canned-replies"] as const,
  },
  /** Answers of the connection's local store (instant search). */
  local: {
    search: (connection: ConnectionId, what: "conversations" | "people", query: string) =>
      [connection, "local", what, query] as const,
  },
  quota: (connection: ConnectionId) => [connection, "quota"] as const,
  monitor: {
    settings: (connection: ConnectionId) => [connection, "monitor", "settings"] as const,
    status: (connection: ConnectionId) => [connection, "monitor", "status"] as const,
  },
  /** App-wide monitor preferences (not about one connection). */
  monitorPreferences: () => ["monitor-preferences"] as const,
};
