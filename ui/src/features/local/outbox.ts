import type { QueuedMessage } from "../../ipc";
import type { ComposerDraft } from "../messages/thread";

/** A queued message's text as the thread shows it (a non-text body shows as "[message]"). */
export function queuedText(message: QueuedMessage): string {
  const content = message.request.body.content;
  return typeof content === "string" ? content : "[message]";
}

/** Whether Crisp refused the message outright: it is not sent again, only edited as a draft or discarded. */
export function isFailed(message: QueuedMessage): boolean {
  return message.failed != null;
}

/**
 * The Reply box's draft once a refused message is taken back to edit: its text (and note-ness) in a new draft
 * with `fingerprint`, or, when the box already holds text, appended to it after a blank line (that draft keeps its
 * own fingerprint and state, so nothing typed is lost and an earlier try is still checked before a repost).
 */
export function draftFromFailed(kept: ComposerDraft | undefined, message: QueuedMessage, fingerprint: number): ComposerDraft {
  const text = queuedText(message);
  if (kept && kept.text.trim() !== "") return { ...kept, text: `${kept.text}\n\n${text}` };
  return { text, note: message.request.body.type === "note", fingerprint, mayHaveLanded: false };
}
