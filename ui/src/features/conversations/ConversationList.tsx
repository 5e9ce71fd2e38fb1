import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { formatTime, isoTime } from "../../components/time";
import { isObject, known, unknownOf, type Json } from "../../components/lenient";
import { RawJson } from "../../components/RawJson";
import type { Conversation } from "../../ipc";
import { RowCheck, selectionClick, selectionKey } from "./RowCheck";
import type { ListSelection } from "./useSelection";

export interface ConversationListProps {
  conversations: Conversation[];
  selectedId: string | null;
  onOpen: (sessionId: string) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  /** The assignee's display name for a user ID. */
  assigneeName: (userId: string) => string | null;
  /** Multi-selection for bulk actions: a checkbox per row, Shift+click ranges, Space or x, Ctrl+A, Escape. */
  selection?: ListSelection;
}

const ROW_HEIGHT = 76;

/** Visitor-given name, else email, else the session ID: always plain text. */
export function conversationTitle(c: Conversation): string {
  const meta = known(c.meta);
  return meta?.nickname?.trim() || meta?.email?.trim() || c.session_id || "Conversation";
}

/**
 * The keys a conversation listbox answers: j/k or the arrows move, Home/End and PageUp/PageDown jump, Enter opens
 * the active row. Shared by the inbox and the merged inbox.
 */
export function listKeys(active: number, count: number, move: (to: number) => void, open: () => void): Record<string, () => void> {
  return {
    j: () => move(active + 1),
    ArrowDown: () => move(active + 1),
    k: () => move(active - 1),
    ArrowUp: () => move(active - 1),
    Home: () => move(0),
    End: () => move(count - 1),
    PageDown: () => move(active + 8),
    PageUp: () => move(active - 8),
    Enter: open,
  };
}

/**
 * A conversation row's text, as both inboxes show it: who and when, the last message, then its state, unread
 * count, assignee and any visitor details Crisp sent in an unexpected shape. `mark` leads the last line (the
 * merged inbox's workspace).
 */
export function ConversationRowBody({ conversation: c, assignee, mark }: { conversation: Conversation; assignee: string | null; mark?: ReactNode }) {
  const unread = known(c.unread)?.operator ?? 0;
  const state = c.state ?? "pending";
  return (
    <>
      <div className="row-top">
        <span className="row-title">{conversationTitle(c)}</span>
        <time className="row-time" dateTime={isoTime(c.updated_at ?? c.created_at)}>
          {formatTime(c.updated_at ?? c.created_at)}
        </time>
      </div>
      <div className="row-excerpt">{c.last_message || known(c.preview_message)?.excerpt || "No message yet"}</div>
      <div className="row-meta">
        {mark}
        <span className={`badge badge-state badge-${state}`}>{state}</span>
        {unread > 0 ? <span className="badge badge-unread">{unread} unread</span> : null}
        <span className="row-assignee">{assignee ? `Assigned to ${assignee}` : "Unassigned"}</span>
        <RawJson value={unknownOf(c.meta, "object")} label="Visitor details" inline />
      </div>
    </>
  );
}

/**
 * The conversation list: a listbox whose rows are virtualized (only what is on screen is in the DOM), with
 * j/k or the arrow keys to move, Enter to open, and the next page loaded as the end comes into view.
 */
export function ConversationList(props: ConversationListProps) {
  const { conversations, selectedId, onOpen, hasMore, loadingMore, onLoadMore, assigneeName, selection } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(() =>
    Math.max(0, conversations.findIndex((c) => c?.session_id === selectedId)),
  );
  const virtualizer = useVirtualizer({
    count: conversations.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1].index : -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= conversations.length - 10) onLoadMore();
  }, [hasMore, loadingMore, lastIndex, conversations.length, onLoadMore]);

  useEffect(() => {
    if (active >= conversations.length && conversations.length > 0) setActive(conversations.length - 1);
  }, [active, conversations.length]);

  function move(to: number) {
    const next = Math.max(0, Math.min(conversations.length - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: "auto" });
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (selectionKey(e, selection, active)) {
      e.preventDefault();
      return;
    }
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const action = listKeys(active, conversations.length, move, () => {
      const id = conversations[active]?.session_id;
      if (id) onOpen(id);
    })[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  }

  const activeId = conversations[active]?.session_id;
  return (
    <div className="conversation-list-wrap">
    <div
      ref={scrollRef}
      className="conversation-list"
      role="listbox"
      aria-label="Conversations"
      tabIndex={0}
      aria-activedescendant={activeId ? rowId(activeId) : undefined}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {items.map((item) => {
          const c = conversations[item.index];
          const position = { position: "absolute", top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` } as const;
          if (!isObject(c)) {
            // An item Crisp sent that is not a conversation at all: shown as sent, the other rows still show.
            return (
              <div
                key={`row-${item.index}`}
                id={rowId(`row-${item.index}`)}
                role="option"
                aria-selected={false}
                aria-setsize={conversations.length}
                aria-posinset={item.index + 1}
                data-index={item.index}
                className="conversation-row"
                style={{ ...position, overflow: "auto" }}
              >
                <RawJson value={c as Json} label="Conversation" />
              </div>
            );
          }
          const id = c.session_id ?? `row-${item.index}`;
          const unread = known(c.unread)?.operator ?? 0;
          const assignedTo = known(c.assigned)?.user_id;
          const assignee = assignedTo ? (assigneeName(assignedTo) ?? assignedTo) : null;
          const checked = selection?.isSelected(item.index);
          return (
            <div
              key={id}
              id={rowId(id)}
              role="option"
              aria-selected={c.session_id === selectedId}
              aria-checked={checked}
              aria-setsize={conversations.length}
              aria-posinset={item.index + 1}
              data-index={item.index}
              className={`conversation-row${item.index === active ? " is-active" : ""}${unread > 0 ? " is-unread" : ""}${selection ? " is-checkable" : ""}`}
              style={position}
              onClick={(event) => {
                setActive(item.index);
                if (selectionClick(event, selection, item.index)) return;
                if (c.session_id) onOpen(c.session_id);
              }}
            >
              {selection && c.session_id ? <RowCheck selection={selection} index={item.index} onActivate={() => setActive(item.index)} /> : null}
              <ConversationRowBody conversation={c} assignee={assignee} />
            </div>
          );
        })}
      </div>
    </div>
      {loadingMore ? (
        <p className="list-footer" role="status">
          Loading more conversations…
        </p>
      ) : !hasMore && conversations.length > 0 ? (
        <p className="list-footer">End of the list: {conversations.length} conversations.</p>
      ) : null}
    </div>
  );
}

function rowId(sessionId: string) {
  return `conversation-${sessionId.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}
