import { known } from "../../components/lenient";
import { useEffect, useState, type ReactNode } from "react";
import { useConnection } from "../../session/connection";
import { navigate } from "../../session/router";
import { useWindowFocus } from "../../session/windowFocus";
import { ConfirmDialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { ErrorNotice } from "../../components/Status";
import { OfflineBadge } from "../../components/OfflineBadge";
import { describeError, offlineKey, useOfflineStoredAt } from "../../ipc";
import { useOpenConversationActions } from "./conversationActions";
import { ExportStored } from "./ExportStored";
import { conversationTitle } from "./ConversationList";
import { useChangeConversationState, useGetConversation, useMarkReadWhenOpen, useRemoveConversation } from "./useConversation";
import { AssignControl } from "./AssignControl";

export interface ConversationDetailProps {
  sessionId: string;
  assigneeName: (userId: string) => string | null;
  children: ReactNode;
  /** Where to go once the open conversation is removed (the single inbox unless the screen says otherwise). */
  onRemoved?: () => void;
}

/** The open conversation's header (who, state, assignee) with resolve/unresolve and remove, then its thread. */
export function ConversationDetail({ sessionId, assigneeName, children, onRemoved = () => navigate("conversations") }: ConversationDetailProps) {
  const connection = useConnection();
  const conversation = useGetConversation(connection, sessionId);
  const storedAt = useOfflineStoredAt(offlineKey("conversation", connection.id, sessionId));
  const changeState = useChangeConversationState(connection, sessionId);
  const remove = useRemoveConversation(connection);
  const focused = useWindowFocus();
  const markRead = useMarkReadWhenOpen(connection, sessionId, known(conversation.data?.unread)?.operator ?? 0, focused);
  const [confirming, setConfirming] = useState(false);
  // Remove a Conversation takes its Session ID typed, starting from the open conversation at each opening.
  const [typed, setTyped] = useState(sessionId);
  const [typedError, setTypedError] = useState<string | null>(null);
  useEffect(() => {
    if (confirming) {
      setTyped(sessionId);
      setTypedError(null);
    }
  }, [confirming, sessionId]);
  // The safe choice keeps the focus: the Session ID is the dialog's first control, which the browser would focus.
  useEffect(() => {
    if (!confirming) return;
    const frame = requestAnimationFrame(() => document.querySelector<HTMLButtonElement>("dialog[open] .dialog-actions button")?.focus());
    return () => cancelAnimationFrame(frame);
  }, [confirming]);
  const c = conversation.data;
  const state = c?.state ?? null;
  const resolved = state === "resolved";
  const title = c ? conversationTitle(c) : sessionId;
  const assigned = known(c?.assigned)?.user_id;
  const meta = known(c?.meta);
  const unread = known(c?.unread)?.operator;
  useOpenConversationActions({
    resolved,
    ready: !changeState.isPending && !conversation.isPending,
    changeState: () => changeState.mutate(resolved ? "unresolved" : "resolved"),
    markRead: () => markRead.mutate(),
    remove: () => setConfirming(true),
  });

  return (
    <div className="conversation-detail">
      <header className="detail-header">
        <div className="detail-title">
          <h2>{title}</h2>
          {meta?.email && meta.email !== title ? <span className="muted">{meta.email}</span> : null}
          {state ? <span className={`badge badge-state badge-${state}`}>{state}</span> : null}
          {unread ? <span className="badge badge-unread">{unread} unread</span> : null}
          <OfflineBadge storedAt={storedAt} />
          {c ? <span className="muted">{assigned ? `Assigned to ${assigneeName(assigned) ?? assigned}` : "Unassigned"}</span> : null}
        </div>
        <div className="detail-id">
          <label htmlFor="detail-session-id">Session ID</label>
          <input id="detail-session-id" type="text" readOnly value={sessionId} size={44} />
        </div>
        <AssignControl connection={connection} sessionId={sessionId} />
        <div className="header-actions">
          <button
            type="button"
            disabled={changeState.isPending || conversation.isPending}
            onClick={() => changeState.mutate(resolved ? "unresolved" : "resolved")}
          >
            {resolved ? "Unresolve" : "Resolve"}
          </button>
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Remove conversation
          </button>
        </div>
        <ExportStored connection={connection.id} label="Export thread" target={{ kind: "thread", sessionId }} />
      </header>
      {conversation.isError ? <ErrorNotice message={describeError(conversation.error)} onRetry={() => conversation.refetch()} /> : null}
      {changeState.isError ? <ErrorNotice message={describeError(changeState.error)} /> : null}
      {children}
      <ConfirmDialog
        title="Remove this conversation?"
        open={confirming}
        confirmLabel="Remove"
        busy={remove.isPending}
        error={remove.isError ? describeError(remove.error) : null}
        onCancel={() => {
          remove.reset();
          setConfirming(false);
        }}
        onConfirm={() => {
          const target = typed.trim();
          if (!target) {
            setTypedError("Enter the Session ID of the conversation to remove.");
            return;
          }
          remove.mutate(target, {
            onSuccess: () => {
              setConfirming(false);
              // Another conversation typed in: the open one stays open.
              if (target === sessionId) onRemoved();
            },
          });
        }}
      >
        <p>
          {typed.trim() === sessionId ? `“${title}”` : "That conversation"} and all its messages are deleted from Crisp. This cannot be
          undone.
        </p>
        <Field label="Session ID" help="The conversation to remove; it starts with the open one." error={typedError}>
          <input
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={typed}
            onChange={(event) => {
              setTyped(event.target.value);
              setTypedError(null);
            }}
          />
        </Field>
      </ConfirmDialog>
    </div>
  );
}
