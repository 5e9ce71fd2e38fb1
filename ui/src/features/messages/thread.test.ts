import { expect, test } from "vitest";
import { mergeBatches, olderThan } from "./thread";

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
