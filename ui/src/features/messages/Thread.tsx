import { useLayoutEffect, useRef, useState } from "react";
import { useConnection } from "../../session/connection";
import { useOperators } from "../operators/operators";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { Empty, ErrorNotice, Loading } from "../../components/Status";
import { OfflineBadge } from "../../components/OfflineBadge";
import { describeError, offlineKey, useOfflineStoredAt, type Message } from "../../ipc";
import { AdvancedComposer } from "./AdvancedComposer";
import { QueuedMessages } from "../local/QueuedMessages";
import { Composer } from "./Composer";
import { EditMessageForm } from "./EditMessageForm";
import { hasRemoteMedia, MessageView } from "./MessageView";
import { useShowMedia } from "./remoteMedia";
import { useGetMessage, useListMessages, useSendMessage, useUpdateMessage, useVisitorTyping } from "./useMessages";

/** A `datetime-local` value as epoch milliseconds, or null. */
function localToMs(value: string): number | null {
  if (!value) return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : null;
}

/**
 * A conversation's messages: the latest batch first, older ones as you scroll up (until the client's history walk
 * says there is no more), List Messages (Session ID, Before, Limit), Get a Message by typed Session ID and
 * fingerprint, and the composers.
 */
export function Thread({ sessionId }: { sessionId: string }) {
  const connection = useConnection();
  const operators = useOperators(connection);
  // List Messages: the thread lists the Session ID the form holds (the picked conversation until one is typed).
  const [jump, setJump] = useState<{ session: string; before: number | null; limit: number | null }>({
    session: sessionId,
    before: null,
    limit: null,
  });
  const [listSessionInput, setListSessionInput] = useState(sessionId);
  const [beforeInput, setBeforeInput] = useState("");
  const [limitInput, setLimitInput] = useState("");
  const thread = useListMessages(connection, jump.session, jump.before, jump.limit);
  const typing = useVisitorTyping(connection, sessionId);
  const storedAt = useOfflineStoredAt(offlineKey("thread", connection.id, jump.session));
  const send = useSendMessage(connection, sessionId);
  const update = useUpdateMessage(connection);
  const lookup = useGetMessage(connection);
  const [lookupSessionInput, setLookupSessionInput] = useState(sessionId);
  const [fingerprintInput, setFingerprintInput] = useState("");
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [editing, setEditing] = useState<Message | null>(null);
  // Bumped when a refused message comes back as a draft: the Reply box opens again on the kept draft.
  const [restoredDrafts, setRestoredDrafts] = useState(0);
  const [showMedia, setShowMedia] = useShowMedia(`${connection.id}/${sessionId}`);

  const scrollRef = useRef<HTMLElement>(null);
  const restore = useRef<number | null>(null);
  const stickToBottom = useRef(true);
  const count = thread.messages.length;

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    if (restore.current != null) {
      el.scrollTop = el.scrollHeight - restore.current;
      restore.current = null;
    } else if (stickToBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [count]);

  function loadOlder() {
    const el = scrollRef.current;
    if (!thread.hasNextPage || thread.isFetchingNextPage) return;
    if (el) restore.current = el.scrollHeight - el.scrollTop;
    void thread.fetchNextPage({ cancelRefetch: false });
  }

  function onScroll() {
    const el = scrollRef.current;
    if (!el) return;
    stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    if (el.scrollTop < 120) loadOlder();
  }

  async function sendBody(body: Parameters<typeof send.mutateAsync>[0]) {
    stickToBottom.current = true;
    return send.mutateAsync(body);
  }

  const limitValue = Number(limitInput);
  return (
    <div className="thread">
      <div className="thread-tools">
        <form
          className="inline-form"
          aria-label="Jump back in time"
          onSubmit={(e) => {
            e.preventDefault();
            stickToBottom.current = true;
            setJump({
              session: listSessionInput.trim() || sessionId,
              before: localToMs(beforeInput),
              limit: limitInput && Number.isInteger(limitValue) && limitValue > 0 ? limitValue : null,
            });
          }}
        >
          <Field label="Session ID" help="The conversation whose messages to list.">
            <input type="text" autoComplete="off" spellCheck={false} value={listSessionInput} onChange={(e) => setListSessionInput(e.target.value)} />
          </Field>
          <Field label="Before" help="Show messages created on or before this date.">
            <input type="datetime-local" value={beforeInput} onChange={(e) => setBeforeInput(e.target.value)} />
          </Field>
          <Field label="Limit" help="The most messages to load.">
            <input type="number" min={1} step={1} value={limitInput} onChange={(e) => setLimitInput(e.target.value)} />
          </Field>
          <button type="submit">Jump</button>
          {jump.before != null || jump.limit != null || jump.session !== sessionId ? (
            <button
              type="button"
              onClick={() => {
                setListSessionInput(sessionId);
                setBeforeInput("");
                setLimitInput("");
                stickToBottom.current = true;
                setJump({ session: sessionId, before: null, limit: null });
              }}
            >
              Latest
            </button>
          ) : null}
        </form>
        <form
          className="inline-form"
          aria-label="Find a message"
          onSubmit={(e) => {
            e.preventDefault();
            const fp = Number(fingerprintInput.trim());
            const session = lookupSessionInput.trim();
            if (session && fingerprintInput.trim() && Number.isSafeInteger(fp)) lookup.mutate({ sessionId: session, fingerprint: fp });
          }}
        >
          <Field label="Session ID" help="The conversation the message is in.">
            <input type="text" autoComplete="off" spellCheck={false} value={lookupSessionInput} onChange={(e) => setLookupSessionInput(e.target.value)} />
          </Field>
          <Field label="Message Fingerprint" help="Get one message by its fingerprint.">
            <input type="text" inputMode="numeric" value={fingerprintInput} onChange={(e) => setFingerprintInput(e.target.value)} />
          </Field>
          <button type="submit" disabled={lookup.isPending}>
            Get message
          </button>
        </form>
      </div>
      {lookup.isError ? <ErrorNotice message={describeError(lookup.error)} /> : null}
      {lookup.data ? (
        <section className="found-message" aria-label="Found message">
          <ul className="messages">
            <MessageView message={lookup.data} />
          </ul>
          <button type="button" onClick={() => lookup.reset()}>
            Close
          </button>
        </section>
      ) : null}
      <OfflineBadge storedAt={storedAt} />
      <section ref={scrollRef} className="thread-scroll" aria-label="Messages" tabIndex={0} onScroll={onScroll}>
        {thread.isPending ? (
          <Loading retrying={thread.failureReason ? describeError(thread.failureReason, thread.failureCount) : null}>
            Loading messages…
          </Loading>
        ) : thread.isError && count === 0 ? (
          <ErrorNotice message={describeError(thread.error)} onRetry={() => thread.refetch()} />
        ) : (
          <>
            <div className="thread-start">
              {thread.isFetchingNextPage ? (
                <Loading retrying={thread.failureReason ? describeError(thread.failureReason, thread.failureCount) : null}>
                  Loading older messages…
                </Loading>
              ) : thread.hasNextPage ? (
                <button type="button" onClick={loadOlder}>
                  Load older messages
                </button>
              ) : jump.limit != null && count >= jump.limit ? (
                <p className="muted">The {count} newest messages (Limit).</p>
              ) : count > 0 ? (
                <p className="muted">Start of the conversation.</p>
              ) : null}
              {thread.isFetchNextPageError ? <ErrorNotice message={describeError(thread.error)} onRetry={loadOlder} /> : null}
            </div>
            {count === 0 ? (
              <Empty>No messages yet. Write the first one below.</Empty>
            ) : (
              <>
                {!showMedia && thread.messages.some(hasRemoteMedia) ? (
                  <div className="media-notice" role="note">
                    <span>Images, recordings and avatars in this conversation are not loaded, so their senders cannot tell when you read it.</span>{" "}
                    <button type="button" onClick={setShowMedia}>
                      Show images
                    </button>
                  </div>
                ) : null}
                <ol className="messages">
                  {thread.messages.map((m, i) => (
                    <MessageView key={m?.fingerprint ?? `i${i}`} message={m} onEdit={setEditing} showMedia={showMedia} />
                  ))}
                </ol>
              </>
            )}
          </>
        )}
      </section>
      <p className="typing muted" role="status" aria-live="polite">
        {typing ? (typing.excerpt ? `Visitor is typing… “${typing.excerpt}”` : "Visitor is typing…") : ""}
      </p>
      <QueuedMessages connection={connection} sessionId={sessionId} draftKey={`${connection.id}/${sessionId}`} onDraftRestored={() => setRestoredDrafts((n) => n + 1)} />
      <Composer key={restoredDrafts} draftKey={`${connection.id}/${sessionId}`} connection={connection} sessionId={sessionId} send={sendBody} sending={send.isPending} onOpenAdvanced={() => setAdvancedOpen(true)} />
      <Dialog title="Send a Message" open={advancedOpen} onClose={() => setAdvancedOpen(false)}>
        <AdvancedComposer sessionId={sessionId} operators={operators.data ?? []} send={sendBody} onSent={() => setAdvancedOpen(false)} />
        <div className="dialog-actions">
          <button type="button" onClick={() => setAdvancedOpen(false)}>
            Close
          </button>
        </div>
      </Dialog>
      <Dialog title="Update a Message" open={editing != null} onClose={() => setEditing(null)}>
        {editing ? (
          <EditMessageForm
            message={editing}
            sessionId={jump.session}
            update={(target, content) => update.mutateAsync({ ...target, content })}
            onDone={() => setEditing(null)}
          />
        ) : null}
      </Dialog>
    </div>
  );
}
