import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from "react";
import {
  call,
  commands,
  queryKeys,
  useLiveEvent,
  useMonitorUpdateEvent,
  type ConnectionId,
  type ConnectionSummary,
  type LiveEvent,
  type MonitorEvent,
  type MonitorStatus,
  type MonitorUpdateEvent,
  type StoredUnread_Serialize as StoredUnread,
} from "../../ipc";
import { applyLiveChange, fetchConversation, isLive } from "../../session/live";
import { useWindowFocus } from "../../session/windowFocus";

/** A conversation with visitor messages that arrived while the app was running and that is not opened yet. */
export interface UnreadItem {
  connection: ConnectionId;
  session_id: string;
  nickname: string | null;
  /** The newest message's text. */
  excerpt: string;
  /** When the newest message was sent (or arrived here), ms. */
  at: number;
  /** New visitor messages seen since it was last opened. */
  messages: number;
}

type UnreadAction =
  | { type: "message"; connection: ConnectionId; event: Extract<MonitorEvent, { kind: "visitor_message_received" }> }
  | { type: "read"; connection: ConnectionId; session_id: string }
  | { type: "restore"; connection: ConnectionId; items: StoredUnread[] }
  | { type: "clear" };

/** The unread list: one entry per conversation, newest message first. */
export function unreadReducer(items: UnreadItem[], action: UnreadAction): UnreadItem[] {
  switch (action.type) {
    case "message": {
      const { event, connection } = action;
      const previous = items.find((i) => i.connection === connection && i.session_id === event.session_id);
      const next: UnreadItem = {
        connection,
        session_id: event.session_id,
        nickname: event.nickname ?? previous?.nickname ?? null,
        excerpt: event.excerpt,
        at: event.timestamp ?? Date.now(),
        messages: (previous?.messages ?? 0) + 1,
      };
      return [next, ...items.filter((i) => i !== previous)].sort((a, b) => b.at - a.at);
    }
    case "read": {
      const kept = items.filter((i) => !(i.connection === action.connection && i.session_id === action.session_id));
      return kept.length === items.length ? items : kept;
    }
    case "restore": {
      // What the store kept from earlier runs joins what arrived since, which wins for the same conversation.
      const known = new Set(items.filter((i) => i.connection === action.connection).map((i) => i.session_id));
      const restored: UnreadItem[] = action.items
        .filter((i) => !known.has(i.session_id))
        .map((i) => ({ connection: action.connection, session_id: i.session_id, nickname: i.nickname ?? null, excerpt: i.excerpt, at: i.at ?? 0, messages: i.messages }));
      return restored.length ? [...items, ...restored].sort((a, b) => b.at - a.at) : items;
    }
    case "clear":
      return [];
  }
}

/** The query keys an event makes stale: what it changed on the connection. */
export function staleKeys(connection: ConnectionId, event: MonitorEvent): readonly (readonly unknown[])[] {
  switch (event.kind) {
    case "conversation_created":
      return [queryKeys.conversations.all(connection)];
    case "visitor_message_received":
      return [queryKeys.conversations.all(connection), queryKeys.messages.list(connection, event.session_id)];
    case "conversation_state_changed":
      return [queryKeys.conversations.all(connection)];
    case "people_profile_changed":
      return [queryKeys.people.all(connection)];
    case "visitors_count_changed":
      return [queryKeys.visitors.all(connection)];
    case "many_conversations_changed":
      // The older changes came without events of their own: the list is read again rather than trusted.
      return [queryKeys.conversations.all(connection)];
    default:
      return [];
  }
}

/**
 * Whether a monitor event's changes already reached the cache as the socket's own changes (`live-event`): true
 * while the connection is live, for every kind the socket reports. Then nothing is read again.
 */
export function coveredByLiveChanges(live: boolean, event: MonitorEvent): boolean {
  return live && event.kind !== "many_conversations_changed";
}

/**
 * Reads again what a change made stale. A fetch already under way is not restarted (it may be a next page, and it
 * may already hold the change); but it may also have left before the change, so each query that was fetching is
 * read once more after that fetch ends. Otherwise its answer would stand, without the change, until the next event.
 */
export function readAgain(client: QueryClient, keys: readonly (readonly unknown[])[]): void {
  for (const queryKey of keys) {
    const underWay = client.isFetching({ queryKey }) > 0;
    void client.invalidateQueries({ queryKey }, { cancelRefetch: false }).then(() => {
      if (underWay) return client.invalidateQueries({ queryKey }, { cancelRefetch: false });
    });
  }
}

interface MonitorContextValue {
  unread: UnreadItem[];
  /** Unread conversations per connection (what the switcher shows). */
  unreadCount: (connection: ConnectionId) => number;
  markRead: (connection: ConnectionId, sessionId: string) => void;
  clearUnread: () => void;
  /** The last time more conversations changed at once than a check reads, per connection (the footer says so). */
  overflow: (connection: ConnectionId) => Overflow | null;
}

/** More conversations changed at once than one check reads: when, and how many were read. */
export interface Overflow {
  /** When the event arrived, ms. */
  at: number;
  /** Changed conversations the check read and announced; more changed before them. */
  atLeast: number;
}

const MonitorContext = createContext<MonitorContextValue | null>(null);

/** The shell's view of the monitors; only inside `MonitorProvider`. */
export function useMonitor(): MonitorContextValue {
  const value = useContext(MonitorContext);
  if (!value) throw new Error("useMonitor is used outside MonitorProvider");
  return value;
}

/** How long events of one poll are gathered before their queries refetch once, together. */
const REFETCH_GATHER_MS = 150;

/**
 * Listens to `monitor-update-event` once for the whole app: a status update replaces the connection's monitor
 * status; an event makes what it changed stale (the open list and thread refetch) unless the connection is live,
 * and a visitor message joins the unread list unless its conversation is open in the focused window. While live,
 * the socket's changes (`live-event`) are written into the cache exactly (`session/live.ts`). Tells the backend
 * when the window gains or loses focus.
 */
export function MonitorProvider({
  openConnection,
  openSession,
  children,
}: {
  /** The selected connection. */
  openConnection: ConnectionId | null;
  /** The conversation open on screen, if any. */
  openSession: string | null;
  children: ReactNode;
}) {
  const queryClient = useQueryClient();
  const [unread, dispatch] = useReducer(unreadReducer, []);
  const [overflows, setOverflows] = useState<Record<string, Overflow>>({});
  const focused = useWindowFocus();
  const open = useRef({ connection: openConnection, session: openSession });
  open.current = { connection: openConnection, session: openSession };
  const isFocused = useRef(focused);
  isFocused.current = focused;

  useEffect(() => {
    void call(commands.setWindowFocused(focused)).catch(() => undefined);
  }, [focused]);

  // The Unread list the local store kept across restarts, once per connection opened.
  const restored = useRef(new Set<ConnectionId>());
  useEffect(() => {
    if (!openConnection || restored.current.has(openConnection)) return;
    restored.current.add(openConnection);
    void call(commands.storedUnread(openConnection))
      .then((items) => dispatch({ type: "restore", connection: openConnection, items }))
      .catch(() => undefined);
  }, [openConnection]);
  // Read conversations leave the stored list too.
  const read = useCallback((connection: ConnectionId, sessionId: string) => {
    dispatch({ type: "read", connection, session_id: sessionId });
    void call(commands.forgetUnread(connection, sessionId)).catch(() => undefined);
  }, []);

  // Opening a conversation in the focused window reads it.
  useEffect(() => {
    if (openConnection && openSession && focused) read(openConnection, openSession);
  }, [openConnection, openSession, focused, read]);

  const pending = useRef(new Map<string, readonly unknown[]>());
  const timer = useRef<number | null>(null);
  const refetchSoon = useCallback(
    (keys: readonly (readonly unknown[])[]) => {
      for (const key of keys) pending.current.set(JSON.stringify(key), key);
      if (timer.current != null) return;
      timer.current = window.setTimeout(() => {
        timer.current = null;
        const keys = [...pending.current.values()];
        pending.current.clear();
        readAgain(queryClient, keys);
      }, REFETCH_GATHER_MS);
    },
    [queryClient],
  );
  useEffect(() => () => {
    if (timer.current != null) window.clearTimeout(timer.current);
  }, []);

  useMonitorUpdateEvent((payload: MonitorUpdateEvent) => {
    const { connection, update } = payload;
    if (update.type === "status") {
      queryClient.setQueryData(queryKeys.monitor.status(connection), update.data);
      return;
    }
    if (update.type !== "event") return;
    const event = update.data;
    const live = isLive(queryClient.getQueryData<MonitorStatus | null>(queryKeys.monitor.status(connection)));
    if (!coveredByLiveChanges(live, event)) refetchSoon(staleKeys(connection, event));
    if (event.kind === "many_conversations_changed") {
      setOverflows((all) => ({ ...all, [connection]: { at: Date.now(), atLeast: event.at_least } }));
    }
    if (event.kind === "visitor_message_received") {
      const current = open.current;
      const reading = isFocused.current && current.connection === connection && current.session === event.session_id;
      if (!reading) dispatch({ type: "message", connection, event });
    }
  });

  const fetchOne = useMemo(
    () =>
      fetchConversation(
        (connection) =>
          queryClient.getQueryData<ConnectionSummary[]>(queryKeys.connections.all())?.find((c) => c.id === connection)?.website_id ?? null,
      ),
    [queryClient],
  );
  useLiveEvent(({ connection, change }: LiveEvent) => {
    applyLiveChange(queryClient, connection, change, fetchOne);
    // A teammate read the conversation, or it is gone: it leaves the unread list.
    if ((change.kind === "messages_read" && change.by === "operator") || change.kind === "conversation_removed") {
      dispatch({ type: "read", connection, session_id: change.session_id });
    }
  });

  const value = useMemo<MonitorContextValue>(
    () => ({
      unread,
      unreadCount: (connection) => unread.filter((i) => i.connection === connection).length,
      markRead: read,
      clearUnread: () => {
        for (const connection of new Set(unread.map((i) => i.connection))) {
          void call(commands.forgetUnread(connection, null)).catch(() => undefined);
        }
        dispatch({ type: "clear" });
      },
      overflow: (connection) => overflows[connection] ?? null,
    }),
    [unread, overflows, read],
  );
  return <MonitorContext.Provider value={value}>{children}</MonitorContext.Provider>;
}

/** A connection's monitor status (`null` when it is not watched), kept current by the monitor's status updates. */
export function useMonitorStatus(connection: ConnectionId) {
  return useQuery({
    queryKey: queryKeys.monitor.status(connection),
    queryFn: () => call(commands.monitorStatus(connection)),
    // Pushed after every poll; the refetch only covers a monitor that stopped without saying so.
    refetchInterval: 60_000,
    retry: false,
  });
}
