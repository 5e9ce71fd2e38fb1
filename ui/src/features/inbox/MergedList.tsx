import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { isObject, known, type Json } from "../../components/lenient";
import { RawJson } from "../../components/RawJson";
import type { ConnectionId, ConnectionSummary } from "../../ipc";
import { connectionLabel } from "../../session/connection";
import { ConversationRowBody, listKeys } from "../conversations/ConversationList";
import { RowCheck, selectionClick, selectionKey } from "../conversations/RowCheck";
import type { ListSelection } from "../conversations/useSelection";
import { rowKey, type MergedRow, type OpenRow } from "./merge";
import { workspaceStyle } from "./workspace";

export interface MergedListProps {
  rows: MergedRow[];
  /** Every connection by id, for each row's workspace mark. */
  connections: Map<ConnectionId, ConnectionSummary>;
  /** The open row, if any. */
  open: OpenRow | null;
  onOpen: (row: OpenRow) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  /** An assignee's display name in a row's own workspace. */
  assigneeName: (connection: ConnectionId, userId: string) => string | null;
  /** Multi-selection for bulk actions, as the single inbox's list has it. */
  selection?: ListSelection;
}

const ROW_HEIGHT = 80;

/** A connection's name and colour, as every row and the open conversation mark it. */
export function WorkspaceMark({ connection, summary }: { connection: ConnectionId; summary: ConnectionSummary | undefined }) {
  return (
    <span className="workspace-mark" style={workspaceStyle(connection)}>
      {summary ? connectionLabel(summary) : connection}
    </span>
  );
}

/**
 * The merged inbox's list: a listbox of every connection's conversations, virtualized (only what is on screen is
 * in the DOM), each row marked with its workspace; j/k or the arrow keys move, Enter opens, and the rows after
 * the last loaded one are fetched as the end comes into view.
 */
export function MergedList(props: MergedListProps) {
  const { rows, connections, open, onOpen, hasMore, loadingMore, onLoadMore, assigneeName, selection } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const isOpen = (row: MergedRow) => open !== null && row.connection === open.connection && row.conversation?.session_id === open.sessionId;
  const [active, setActive] = useState(() => Math.max(0, rows.findIndex(isOpen)));
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1].index : -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= rows.length - 10) onLoadMore();
  }, [hasMore, loadingMore, lastIndex, rows.length, onLoadMore]);

  useEffect(() => {
    if (active >= rows.length && rows.length > 0) setActive(rows.length - 1);
  }, [active, rows.length]);

  const openAt = (index: number) => {
    const row = rows[index];
    const sessionId = isObject(row?.conversation) ? row.conversation.session_id : null;
    if (row && sessionId) onOpen({ connection: row.connection, sessionId });
  };

  function move(to: number) {
    const next = Math.max(0, Math.min(rows.length - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: "auto" });
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (selectionKey(e, selection, active)) {
      e.preventDefault();
      return;
    }
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const action = listKeys(active, rows.length, move, () => openAt(active))[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  }

  return (
    <div className="conversation-list-wrap">
      <div
        ref={scrollRef}
        className="conversation-list"
        role="listbox"
        aria-label="Conversations of all connections"
        tabIndex={0}
        aria-activedescendant={rows[active] ? optionId(active) : undefined}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((item) => {
            const row = rows[item.index];
            const c = row.conversation;
            const style = { position: "absolute", top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` } as const;
            const common = {
              id: optionId(item.index),
              role: "option",
              "aria-setsize": rows.length,
              "aria-posinset": item.index + 1,
              "data-index": item.index,
              "data-connection": row.connection,
            } as const;
            const mark = <WorkspaceMark connection={row.connection} summary={connections.get(row.connection)} />;
            if (!isObject(c)) {
              // Something Crisp sent that is not a conversation: shown as sent, marked with its workspace.
              return (
                <div key={`${row.connection}-odd-${item.index}`} {...common} aria-selected={false} className="conversation-row" style={{ ...style, overflow: "auto" }}>
                  {mark}
                  <RawJson value={c as Json} label="Conversation" />
                </div>
              );
            }
            const unread = known(c.unread)?.operator ?? 0;
            const assignedTo = known(c.assigned)?.user_id;
            const assignee = assignedTo ? (assigneeName(row.connection, assignedTo) ?? assignedTo) : null;
            return (
              <div
                key={rowKey(row)}
                {...common}
                aria-selected={isOpen(row)}
                aria-checked={selection?.isSelected(item.index)}
                data-session={c.session_id ?? undefined}
                className={`conversation-row merged-row${item.index === active ? " is-active" : ""}${unread > 0 ? " is-unread" : ""}${selection ? " is-checkable" : ""}`}
                style={style}
                onClick={(event) => {
                  setActive(item.index);
                  if (selectionClick(event, selection, item.index)) return;
                  openAt(item.index);
                }}
              >
                {selection && c.session_id ? <RowCheck selection={selection} index={item.index} onActivate={() => setActive(item.index)} /> : null}
                <ConversationRowBody conversation={c} assignee={assignee} mark={mark} />
              </div>
            );
          })}
        </div>
      </div>
      {loadingMore ? (
        <p className="list-footer" role="status">
          Loading more conversations…
        </p>
      ) : !hasMore && rows.length > 0 ? (
        <p className="list-footer">End of the list: {rows.length} conversations.</p>
      ) : null}
    </div>
  );
}

function optionId(index: number) {
  return `merged-row-${index}`;
}
