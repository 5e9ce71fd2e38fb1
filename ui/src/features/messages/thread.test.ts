import { expect, test } from "vitest";
import { afterFailedTry, mergeBatches, newDraft, olderThan } from "./thread";

test("merges overlapping batches oldest first without repeating a fingerprint", () => {
  const merged = mergeBatches([
    { more: true, messages: [{ fingerprint: 3, timestamp: 30 }, { fingerprint: 2, timestamp: 20 }] },
    { more: false, messages: [{ fingerprint: 2, timestamp: 20 }, { fingerprint: 1, timestamp: 10 }] },
  ]);
  expect(merged.map((m) => m.fingerprint), "batches may overlap at their boundary").toEqual([1, 2, 3]);
});

test("asks for messages before the oldest one only while Crisp says there are more", () => {
  expect(olderThan({ more: true, messages: [{ timestamp: 50 }, { timestamp: 40 }] })).toBe(40);
  expect(olderThan({ more: false, messages: [{ timestamp: 50 }] }), "HTTP 200 means the start is reached").toBeUndefined();
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
