import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { describeError, type ConnectionSummary } from "../../ipc";
import { useAction } from "../../session/actions";
import { useCannedReplyPicker } from "./CannedReplyPicker";
import { newFingerprint } from "./content";
import { afterFailedTry, flightOf, keepDraft, keptDraft, newDraft, trackFlight, type ComposerDraft } from "./thread";
import type { DraftTry } from "./useMessages";

export interface ComposerProps {
  /** The conversation the draft belongs to (connection and session): its draft is kept there until it lands. */
  draftKey: string;
  /** The connection and conversation replied to (canned replies and their placeholders). */
  connection: ConnectionSummary;
  sessionId: string;
  send: (attempt: DraftTry) => Promise<unknown>;
  sending: boolean;
  onOpenAdvanced: () => void;
}

/**
 * The quick bar: a Reply box for text and private notes; Send or Ctrl+Enter sends. While a send is in flight
 * the bar is locked, so a second keypress cannot post the draft again. A failed send keeps the draft and says
 * why; sending again reuses the draft's fingerprint and asks Crisp whether the failed try landed before posting.
 */
export function Composer({ draftKey, connection, sessionId, send, sending, onOpenAdvanced }: ComposerProps) {
  const [draft, setDraftState] = useState<ComposerDraft>(() => keptDraft(draftKey) ?? newDraft(false, newFingerprint()));
  const [problem, setProblem] = useState<string | null>(null);
  const [inFlight, setInFlight] = useState(() => flightOf(draftKey) !== undefined);
  // Set before the first await: a second Ctrl+Enter in the same tick sees it even before React re-renders.
  const flying = useRef(flightOf(draftKey) !== undefined);
  const busy = sending || inFlight;

  function setDraft(next: ComposerDraft) {
    setDraftState(next);
    keepDraft(draftKey, next);
  }
  const textarea = useRef<HTMLTextAreaElement>(null);
  const canned = useCannedReplyPicker({ connection, sessionId, text: draft.text, textarea, onInsert: (text) => setDraft({ ...draft, text }) });
  useAction({ id: "conversation.reply", title: "Reply", group: "Conversation", shortcut: "r", run: () => textarea.current?.focus() });

  // A send started by an earlier view of this conversation: stay locked until it settles, then show its outcome.
  useEffect(() => {
    const flight = flightOf(draftKey);
    if (!flight) return;
    let live = true;
    const settle = () => {
      if (!live) return;
      flying.current = false;
      setInFlight(false);
      setDraftState(keptDraft(draftKey) ?? newDraft(false, newFingerprint()));
    };
    flight.then(settle, settle);
    return () => {
      live = false;
    };
  }, [draftKey]);

  async function submit() {
    if (flying.current || sending) return;
    const text = draft.text;
    if (!text.trim()) {
      setProblem("Write a reply first.");
      return;
    }
    flying.current = true;
    setInFlight(true);
    setProblem(null);
    // Kept as possibly landed while in flight: if this view closes, the draft comes back checked before a repost.
    const tried = afterFailedTry(draft);
    keepDraft(draftKey, tried);
    const flight = send({
      body: {
        type: draft.note ? "note" : "text",
        from: "operator",
        origin: "chat",
        content: text,
        fingerprint: draft.fingerprint,
      },
      mayHaveLanded: draft.mayHaveLanded,
    });
    trackFlight(draftKey, flight);
    try {
      await flight;
      keepDraft(draftKey, null);
      setDraftState(newDraft(draft.note, newFingerprint()));
    } catch (error) {
      setDraft(tried);
      setProblem(`Not sent: ${describeError(error)} Your draft is kept; sending again cannot post it twice.`);
    } finally {
      flying.current = false;
      setInFlight(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (canned.onKeyDown(e)) return;
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  }

  return (
    <form
      className={`composer${draft.note ? " composer-note" : ""}`}
      aria-label="Quick reply"
      aria-busy={busy || undefined}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor="composer-reply" className="composer-label">
        Reply
      </label>
      <textarea
        ref={textarea}
        {...canned.textboxProps}
        id="composer-reply"
        rows={3}
        value={draft.text}
        readOnly={busy}
        aria-disabled={busy || undefined}
        aria-describedby="composer-hint composer-problem"
        aria-invalid={problem ? true : undefined}
        onChange={(e) => setDraft({ ...draft, text: e.target.value })}
        onKeyDown={onKeyDown}
        placeholder={draft.note ? "A private note, seen by operators only" : "Write a reply"}
      />
      {canned.popup}
      <p id="composer-hint" className="field-help">
        {busy ? "Sending… the reply is locked until Crisp answers." : "Ctrl+Enter sends; ! and a few letters insert a canned reply."}
      </p>
      <p id="composer-problem" className="field-error" role="alert">
        {problem}
      </p>
      <div className="composer-actions">
        <label className="field-row">
          <input
            type="checkbox"
            checked={draft.note}
            disabled={busy}
            onChange={(e) => setDraft({ ...draft, note: e.target.checked })}
          />
          Private note
        </label>
        <button type="button" onClick={onOpenAdvanced} disabled={busy}>
          Advanced…
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Sending…" : "Send"}
        </button>
      </div>
    </form>
  );
}
