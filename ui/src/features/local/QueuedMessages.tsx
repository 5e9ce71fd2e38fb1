import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { call, commands, queryKeys, type ConnectionSummary } from "../../ipc";

/** How often the outbox is read again while messages wait in it, ms. */
const WAITING_REFRESH_MS = 3_000;

/**
 * The conversation's messages waiting in the outbox (sent while Crisp could not be reached), each marked
 * "queued" until the backend sends it; the thread reads itself again once one leaves the outbox.
 */
export function QueuedMessages({ connection, sessionId }: { connection: ConnectionSummary; sessionId: string }) {
  const queryClient = useQueryClient();
  // Under the thread's key, so a send (which makes the thread stale) reads the outbox again too.
  const outbox = useQuery({
    queryKey: [...queryKeys.messages.list(connection.id, sessionId), "outbox"] as const,
    queryFn: () => call(commands.storedOutbox(connection.id, sessionId)),
    refetchInterval: (query) => (query.state.data?.length ? WAITING_REFRESH_MS : false),
    retry: false,
  });
  const waiting = outbox.data ?? [];
  const before = useRef(waiting.length);
  useEffect(() => {
    if (waiting.length < before.current) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.messages.list(connection.id, sessionId) });
    }
    before.current = waiting.length;
  }, [waiting.length, queryClient, connection.id, sessionId]);
  if (waiting.length === 0) return null;
  return (
    <ol className="messages queued-messages" aria-label="Queued messages">
      {waiting.map((queued) => {
        const content = queued.request.body.content;
        const text = typeof content === "string" ? content : "[message]";
        return (
          <li key={queued.fingerprint} className="message message-from-operator message-queued">
            <div className="message-main">
              <p className="message-text">{text}</p>
              <p className="message-head muted">
                <span className="badge">queued</span>{" "}
                {queued.last_error ? `Not sent yet: ${queued.last_error}. It goes out once Crisp can be reached.` : "Goes out once Crisp can be reached."}
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
