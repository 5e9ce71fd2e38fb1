import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { call, commands, describeError, queryKeys, type ConnectionSummary, type QueuedMessage } from "../../ipc";
import { newFingerprint } from "../messages/content";
import { keepDraft, keptDraft } from "../messages/thread";
import { draftFromFailed, isFailed, queuedText } from "./outbox";

/** How often the outbox is read again while messages wait in it, ms. */
const WAITING_REFRESH_MS = 3_000;

export interface QueuedMessagesProps {
  connection: ConnectionSummary;
  sessionId: string;
  /** The Reply box's draft key: "Edit as draft" puts a refused message's text there. */
  draftKey: string;
  /** Called once a refused message's text is in the kept draft, so the Reply box shows it. */
  onDraftRestored: () => void;
}

/**
 * The conversation's messages in the outbox: those waiting (sent while Crisp could not be reached), each marked
 * "queued" until the backend sends it, and those Crisp refused outright, marked "not sent" with its reason and
 * offered back as a draft or discarded (never sent again by themselves). The thread reads itself again once a
 * waiting one leaves the outbox.
 */
export function QueuedMessages({ connection, sessionId, draftKey, onDraftRestored }: QueuedMessagesProps) {
  const queryClient = useQueryClient();
  // Under the thread's key, so a send (which makes the thread stale) reads the outbox again too.
  const outboxKey = [...queryKeys.messages.list(connection.id, sessionId), "outbox"] as const;
  const outbox = useQuery({
    queryKey: outboxKey,
    queryFn: () => call(commands.storedOutbox(connection.id, sessionId)),
    refetchInterval: (query) => (query.state.data?.some((queued) => !isFailed(queued)) ? WAITING_REFRESH_MS : false),
    retry: false,
  });
  const entries = outbox.data ?? [];
  const waiting = entries.filter((queued) => !isFailed(queued)).length;
  const before = useRef(waiting);
  useEffect(() => {
    if (waiting < before.current) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.messages.list(connection.id, sessionId) });
    }
    before.current = waiting;
  }, [waiting, queryClient, connection.id, sessionId]);
  const [problem, setProblem] = useState<{ fingerprint: number | null; text: string } | null>(null);

  async function remove(queued: QueuedMessage, asDraft: boolean) {
    setProblem(null);
    try {
      await call(commands.removeQueuedMessage(connection.id, sessionId, queued.fingerprint));
    } catch (error) {
      setProblem({ fingerprint: queued.fingerprint, text: describeError(error) });
      return;
    }
    if (asDraft) {
      keepDraft(draftKey, draftFromFailed(keptDraft(draftKey), queued, newFingerprint()));
      onDraftRestored();
    }
    await queryClient.invalidateQueries({ queryKey: outboxKey });
  }

  if (entries.length === 0) return null;
  return (
    <ol className="messages queued-messages" aria-label="Queued messages">
      {entries.map((queued) => (
        <li key={queued.fingerprint} className={`message message-from-operator ${isFailed(queued) ? "message-failed" : "message-queued"}`}>
          <div className="message-main">
            <p className="message-text">{queuedText(queued)}</p>
            {isFailed(queued) ? (
              <>
                <p className="message-head field-error">not sent: {queued.failed}</p>
                <div className="field-row">
                  <button type="button" onClick={() => void remove(queued, true)}>
                    Edit as draft
                  </button>
                  <button type="button" onClick={() => void remove(queued, false)}>
                    Discard
                  </button>
                </div>
                {problem?.fingerprint === queued.fingerprint ? (
                  <p className="field-error" role="alert">
                    {problem.text}
                  </p>
                ) : null}
              </>
            ) : (
              <p className="message-head muted">
                <span className="badge">queued</span>{" "}
                {queued.last_error ? `Not sent yet: ${queued.last_error}. It goes out once Crisp can be reached.` : "Goes out once Crisp can be reached."}
              </p>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
