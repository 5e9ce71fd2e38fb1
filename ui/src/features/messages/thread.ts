import type { Message, Tier } from "../../ipc";

/**
 * Every loaded page as one thread, oldest first: de-duplicated by fingerprint (the live poll's newest page
 * overlaps the first one) and sorted by timestamp, as the contract asks (§3.7). Where the history ends is not
 * decided here: each page's `next` comes from the client's history walk.
 */
export function mergeBatches(batches: { messages: Message[] }[]): Message[] {
  const seen = new Map<string, Message>();
  for (const batch of batches) {
    for (const message of batch.messages) {
      // An item Crisp sent that is not an object (kept raw by the backend) merges by its JSON text.
      const key =
        typeof message !== "object" || message === null
          ? `r${JSON.stringify(message)}`
          : message.fingerprint != null
            ? `f${message.fingerprint}`
            : `t${message.timestamp}-${seen.size}`;
      if (!seen.has(key)) seen.set(key, message);
    }
  }
  return [...seen.values()].sort((a, b) => (a?.timestamp ?? 0) - (b?.timestamp ?? 0));
}

/**
 * How often an open thread asks for its newest batch: plugin tokens have 5,000 requests a day (one every ~17 s),
 * website tokens 10,000 (one every ~9 s); user tokens have no published budget, so every 5 s.
 */
export function livePollMs(tier: Tier): number {
  if (tier === "plugin") return 17_000;
  if (tier === "website") return 9_000;
  return 5_000;
}

/**
 * The Reply box's draft: its text, whether it is a private note, one fingerprint for its whole life (chosen when
 * it starts, kept until it lands), and whether an earlier try may have landed.
 */
export interface ComposerDraft {
  text: string;
  note: boolean;
  fingerprint: number;
  /** An earlier try failed, so its outcome is unknown: the next try asks Crisp for the fingerprint first. */
  mayHaveLanded: boolean;
}

/** A new, empty draft with its own fingerprint. */
export function newDraft(note: boolean, fingerprint: number): ComposerDraft {
  return { text: "", note, fingerprint, mayHaveLanded: false };
}

/** The draft after a failed try: text and fingerprint kept, and the next try checks before posting. */
export function afterFailedTry(draft: ComposerDraft): ComposerDraft {
  return { ...draft, mayHaveLanded: true };
}

// Reply drafts outlive their thread view (opening another conversation and coming back), so a draft whose try
// failed or is still in flight comes back with its fingerprint instead of being typed again with a new one.
const keptDrafts = new Map<string, ComposerDraft>();
const flights = new Map<string, Promise<unknown>>();

/** The draft kept for one conversation's Reply box (`draftKey` = connection and session). */
export function keptDraft(draftKey: string): ComposerDraft | undefined {
  return keptDrafts.get(draftKey);
}

/** Where kept drafts also go so they survive a restart (the local store); set by the shell. */
let persistDraft: ((draftKey: string, draft: ComposerDraft | null) => void) | null = null;

/** Sends every kept or forgotten draft to `persist` from now on. */
export function persistDraftsWith(persist: ((draftKey: string, draft: ComposerDraft | null) => void) | null): void {
  persistDraft = persist;
}

/** Drafts of an earlier run, back in their Reply boxes; a draft this run already holds for a key wins. */
export function restoreDrafts(drafts: [string, ComposerDraft][]): void {
  for (const [draftKey, draft] of drafts) if (!keptDrafts.has(draftKey)) keptDrafts.set(draftKey, draft);
}

/** Keeps `draft` for its conversation; an empty draft never tried (or `null`, once landed) is forgotten. */
export function keepDraft(draftKey: string, draft: ComposerDraft | null): void {
  const kept = draft && (draft.text !== "" || draft.mayHaveLanded) ? draft : null;
  if (kept) keptDrafts.set(draftKey, kept);
  else keptDrafts.delete(draftKey);
  persistDraft?.(draftKey, kept);
}

/** The conversation's send in flight, if any: a Reply box opened meanwhile stays locked until it settles. */
export function flightOf(draftKey: string): Promise<unknown> | undefined {
  return flights.get(draftKey);
}

/** Records a send in flight until it settles. */
export function trackFlight(draftKey: string, flight: Promise<unknown>): void {
  flights.set(draftKey, flight);
  const settle = () => {
    if (flights.get(draftKey) === flight) flights.delete(draftKey);
  };
  flight.then(settle, settle);
}
