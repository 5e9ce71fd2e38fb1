import { expect, test } from "vitest";
import { afterFailedTry, flightOf, keepDraft, keptDraft, mergeBatches, newDraft, trackFlight } from "./thread";

test("merges overlapping batches oldest first without repeating a fingerprint", () => {
  const merged = mergeBatches([
    { messages: [{ fingerprint: 3, timestamp: 30 }, { fingerprint: 2, timestamp: 20 }] },
    { messages: [{ fingerprint: 2, timestamp: 20 }, { fingerprint: 1, timestamp: 10 }] },
  ]);
  expect(merged.map((m) => m.fingerprint), "pages may overlap (the live poll's newest page and the first one)").toEqual([1, 2, 3]);
});

test("a draft keeps its text and fingerprint after a failed try, and its next try checks first", () => {
  const draft = { ...newDraft(true, 172145930000001), text: "Refund sent" };
  expect(draft.mayHaveLanded, "a new draft has never been tried").toBe(false);
  expect(afterFailedTry(draft), "a failed try's outcome is unknown: same fingerprint, look it up next time").toEqual({
    text: "Refund sent",
    note: true,
    fingerprint: 172145930000001,
    mayHaveLanded: true,
  });
});

test("a conversation's draft is kept until it lands, and its send in flight until it settles", async () => {
  const key = "demo/session_kept";
  keepDraft(key, { ...newDraft(false, 11), text: "Pending" });
  expect(keptDraft(key)?.fingerprint, "a draft with text is kept with its fingerprint").toBe(11);
  keepDraft(key, afterFailedTry(newDraft(false, 12)));
  expect(keptDraft(key)?.mayHaveLanded, "a tried draft is kept even when emptied: its try may have landed").toBe(true);
  keepDraft(key, null);
  expect(keptDraft(key), "a landed draft is forgotten").toBeUndefined();
  keepDraft(key, newDraft(false, 13));
  expect(keptDraft(key), "an empty, untried draft is not worth keeping").toBeUndefined();

  let land: () => void = () => undefined;
  const flight = new Promise<void>((resolve) => (land = resolve));
  trackFlight(key, flight);
  expect(flightOf(key), "the send is in flight").toBe(flight);
  land();
  await flight;
  await Promise.resolve();
  expect(flightOf(key), "a settled send is no longer in flight").toBeUndefined();
});
