import type { ReactNode } from "react";
import { formatTime, isoTime } from "../../components/time";
import { isObject, known, unknownOf, type Json } from "../../components/lenient";
import { RawJson } from "../../components/RawJson";
import type { Conversation } from "../../ipc";
import { ConversationListbox } from "./ConversationListbox";
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
  return (
    <ConversationListbox
      label="Conversations"
      count={conversations.length}
      rowHeight={ROW_HEIGHT}
      initialActive={() => conversations.findIndex((c) => c?.session_id === selectedId)}
      activeOptionId={(index) => {
        const id = conversations[index]?.session_id;
        return id ? rowId(id) : undefined;
      }}
      openAt={(index) => {
        const id = conversations[index]?.session_id;
        if (id) onOpen(id);
      }}
      option={(index) => {
        const c = conversations[index];
        if (!isObject(c)) {
          // An item Crisp sent that is not a conversation at all: shown as sent, the other rows still show.
          return { key: `row-${index}`, id: rowId(`row-${index}`), body: <RawJson value={c as Json} label="Conversation" /> };
        }
        const id = c.session_id ?? `row-${index}`;
        const assignedTo = known(c.assigned)?.user_id;
        const assignee = assignedTo ? (assigneeName(assignedTo) ?? assignedTo) : null;
        return {
          key: id,
          id: rowId(id),
          conversation: { open: c.session_id === selectedId, unread: (known(c.unread)?.operator ?? 0) > 0, checkable: Boolean(c.session_id) },
          body: <ConversationRowBody conversation={c} assignee={assignee} />,
        };
      }}
      hasMore={hasMore}
      loadingMore={loadingMore}
      onLoadMore={onLoadMore}
      selection={selection}
    />
  );
}

function rowId(sessionId: string) {
  return `conversation-${sessionId.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}
