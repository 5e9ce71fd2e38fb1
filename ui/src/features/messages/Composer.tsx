import { useState, type KeyboardEvent } from "react";
import { describeError, type SendMessageBody } from "../../ipc";
import { newFingerprint } from "./content";

export interface Draft {
  text: string;
  note: boolean;
  /** Chosen when the draft starts and kept until it is sent, so a retry can never land twice. */
  fingerprint: number;
}

export interface ComposerProps {
  send: (body: SendMessageBody) => Promise<unknown>;
  sending: boolean;
  onOpenAdvanced: () => void;
}

/**
 * The quick bar: a Reply box for text and private notes; Send or Ctrl+Enter sends. A failed send keeps the
 * draft and says why; sending again reuses the draft's fingerprint.
 */
export function Composer({ send, sending, onOpenAdvanced }: ComposerProps) {
  const [draft, setDraft] = useState<Draft>(() => ({ text: "", note: false, fingerprint: newFingerprint() }));
  const [problem, setProblem] = useState<string | null>(null);

  async function submit() {
    if (sending) return;
    const text = draft.text;
    if (!text.trim()) {
      setProblem("Write a reply first.");
      return;
    }
    setProblem(null);
    try {
      await send({
        type: draft.note ? "note" : "text",
        from: "operator",
        origin: "chat",
        content: text,
        fingerprint: draft.fingerprint,
      });
      setDraft({ text: "", note: draft.note, fingerprint: newFingerprint() });
    } catch (error) {
      setProblem(`Not sent: ${describeError(error)} Your draft is kept; sending again cannot post it twice.`);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  }

  return (
    <form
      className={`composer${draft.note ? " composer-note" : ""}`}
      aria-label="Quick reply"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor="composer-reply" className="composer-label">
        Reply
      </label>
      <textarea
        id="composer-reply"
        rows={3}
        value={draft.text}
        aria-describedby="composer-hint composer-problem"
        aria-invalid={problem ? true : undefined}
        onChange={(e) => setDraft((d) => ({ ...d, text: e.target.value }))}
        onKeyDown={onKeyDown}
        placeholder={draft.note ? "A private note, seen by operators only" : "Write a reply"}
      />
      <p id="composer-hint" className="field-help">
        Ctrl+Enter sends.
      </p>
      <p id="composer-problem" className="field-error" role="alert">
        {problem}
      </p>
      <div className="composer-actions">
        <label className="field-row">
          <input type="checkbox" checked={draft.note} onChange={(e) => setDraft((d) => ({ ...d, note: e.target.checked }))} />
          Private note
        </label>
        <button type="button" onClick={onOpenAdvanced}>
          Advanced…
        </button>
        <button type="submit" className="primary" disabled={sending}>
          {sending ? "Sending…" : "Send"}
        </button>
      </div>
    </form>
  );
}
