import { useEffect } from "react";
import { call, commands, type ConnectionId } from "../../ipc";
import { persistDraftsWith, restoreDrafts, type ComposerDraft } from "../messages/thread";

/** How long typing pauses before a draft is written to the store, ms. */
const WRITE_AFTER_MS = 400;

/** A stored draft's text back as the Reply box's draft, or null when it is not one. */
export function parseStoredDraft(text: string): ComposerDraft | null {
  try {
    const draft = JSON.parse(text) as Partial<ComposerDraft>;
    if (typeof draft.text !== "string" || typeof draft.fingerprint !== "number") return null;
    return { text: draft.text, note: Boolean(draft.note), fingerprint: draft.fingerprint, mayHaveLanded: Boolean(draft.mayHaveLanded) };
  } catch {
    return null;
  }
}

/**
 * Keeps the selected connection's Reply drafts in its local store, so they survive a restart with their
 * fingerprints (a draft whose send may have landed is still checked before it is posted again): restores the
 * stored ones when the connection opens, and writes each change once typing pauses.
 */
export function useStoredDrafts(connection: ConnectionId | null) {
  useEffect(() => {
    if (!connection) return;
    let live = true;
    void call(commands.storedDrafts(connection))
      .then((stored) => {
        if (!live) return;
        const drafts: [string, ComposerDraft][] = [];
        for (const { session_id, text } of stored) {
          const draft = parseStoredDraft(text);
          if (draft) drafts.push([`${connection}/${session_id}`, draft]);
        }
        restoreDrafts(drafts);
      })
      .catch(() => undefined);
    const timers = new Map<string, number>();
    const prefix = `${connection}/`;
    persistDraftsWith((draftKey, draft) => {
      if (!draftKey.startsWith(prefix)) return;
      const sessionId = draftKey.slice(prefix.length);
      window.clearTimeout(timers.get(sessionId));
      timers.set(
        sessionId,
        window.setTimeout(() => {
          timers.delete(sessionId);
          void call(commands.keepDraft(connection, sessionId, draft ? JSON.stringify(draft) : "")).catch(() => undefined);
        }, WRITE_AFTER_MS),
      );
    });
    return () => {
      live = false;
      persistDraftsWith(null);
      for (const timer of timers.values()) window.clearTimeout(timer);
    };
  }, [connection]);
}
