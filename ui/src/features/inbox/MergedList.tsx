import { isObject, known, type Json } from "../../components/lenient";
import { RawJson } from "../../components/RawJson";
import type { ConnectionId, ConnectionSummary } from "../../ipc";
import { connectionLabel } from "../../session/connection";
import { ConversationRowBody } from "../conversations/ConversationList";
import { ConversationListbox } from "../conversations/ConversationListbox";
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
  const isOpen = (row: MergedRow) => open !== null && row.connection === open.connection && row.conversation?.session_id === open.sessionId;
  return (
    <ConversationListbox
      label="Conversations of all connections"
      count={rows.length}
      rowHeight={ROW_HEIGHT}
      initialActive={() => rows.findIndex(isOpen)}
      activeOptionId={(index) => (rows[index] ? optionId(index) : undefined)}
      openAt={(index) => {
        const row = rows[index];
        const sessionId = isObject(row?.conversation) ? row.conversation.session_id : null;
        if (row && sessionId) onOpen({ connection: row.connection, sessionId });
      }}
      option={(index) => {
        const row = rows[index];
        const c = row.conversation;
        const mark = <WorkspaceMark connection={row.connection} summary={connections.get(row.connection)} />;
        if (!isObject(c)) {
          // Something Crisp sent that is not a conversation: shown as sent, marked with its workspace.
          return {
            key: `${row.connection}-odd-${index}`,
            id: optionId(index),
            data: { "data-connection": row.connection },
            body: (
              <>
                {mark}
                <RawJson value={c as Json} label="Conversation" />
              </>
            ),
          };
        }
        const assignedTo = known(c.assigned)?.user_id;
        const assignee = assignedTo ? (assigneeName(row.connection, assignedTo) ?? assignedTo) : null;
        return {
          key: rowKey(row),
          id: optionId(index),
          data: { "data-connection": row.connection, "data-session": c.session_id ?? undefined },
          conversation: {
            open: isOpen(row),
            unread: (known(c.unread)?.operator ?? 0) > 0,
            checkable: Boolean(c.session_id),
            className: "merged-row",
          },
          body: <ConversationRowBody conversation={c} assignee={assignee} mark={mark} />,
        };
      }}
      hasMore={hasMore}
      loadingMore={loadingMore}
      onLoadMore={onLoadMore}
      selection={selection}
    />
  );
}

function optionId(index: number) {
  return `merged-row-${index}`;
}
