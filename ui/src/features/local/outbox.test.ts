import { expect, test } from "vitest";
import type { QueuedMessage } from "../../ipc";
import { draftFromFailed, isFailed, queuedText } from "./outbox";

function refused(content: unknown, type = "text"): QueuedMessage {
  return {
    session_id: "session_a",
    fingerprint: 7,
    queued_at: 1,
    attempts: 1,
    last_error: null,
    failed: "Not found: it does not exist (not_found).",
    request: { session_id: "session_a", body: { type, from: "operator", origin: "chat", content, fingerprint: 7 } },
  } as unknown as QueuedMessage;
}

test("a refused message goes back into an empty Reply box as a new draft with a new fingerprint", () => {
  expect(draftFromFailed(undefined, refused("Typed on the train"), 99)).toEqual({
    text: "Typed on the train",
    note: false,
    fingerprint: 99,
    mayHaveLanded: false,
  });
  expect(draftFromFailed({ text: " ", note: false, fingerprint: 5, mayHaveLanded: false }, refused("A note", "note"), 99)).toEqual({
    text: "A note",
    note: true,
    fingerprint: 99,
    mayHaveLanded: false,
  });
});

test("a refused message is appended to text already in the Reply box, which keeps its own fingerprint", () => {
  const kept = { text: "Half a reply", note: false, fingerprint: 5, mayHaveLanded: true };
  expect(draftFromFailed(kept, refused("Typed on the train"), 99)).toEqual({ ...kept, text: "Half a reply\n\nTyped on the train" });
});

test("a message is failed only when Crisp refused it, and a non-text body shows as [message]", () => {
  expect(isFailed(refused("x"))).toBe(true);
  expect(isFailed({ ...refused("x"), failed: null })).toBe(false);
  expect(queuedText(refused({ url: "https://example.com/a.png" }, "file"))).toBe("[message]");
});
