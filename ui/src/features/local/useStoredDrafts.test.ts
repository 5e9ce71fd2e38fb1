import { expect, test } from "vitest";
import { keepDraft, keptDraft, persistDraftsWith, restoreDrafts, type ComposerDraft } from "../messages/thread";
import { parseStoredDraft } from "./useStoredDrafts";

const draft: ComposerDraft = { text: "Half a reply", note: false, fingerprint: 123_456_789_012_345, mayHaveLanded: true };

test("a stored draft comes back with its fingerprint, and anything else is not a draft", () => {
  expect(parseStoredDraft(JSON.stringify(draft))).toEqual(draft);
  expect(parseStoredDraft("not json")).toBeNull();
  expect(parseStoredDraft(JSON.stringify({ text: "no fingerprint" }))).toBeNull();
});

test("restored drafts fill only the Reply boxes this run has not touched, and every change is handed on to be kept", () => {
  keepDraft("demo/typed-now", { ...draft, text: "typed in this run" });
  restoreDrafts([
    ["demo/typed-now", draft],
    ["demo/from-before", draft],
  ]);
  expect(keptDraft("demo/typed-now")?.text, "this run's draft wins").toBe("typed in this run");
  expect(keptDraft("demo/from-before"), "an earlier run's draft is back").toEqual(draft);

  const handed: [string, ComposerDraft | null][] = [];
  persistDraftsWith((key, kept) => handed.push([key, kept]));
  keepDraft("demo/from-before", { ...draft, text: "more" });
  keepDraft("demo/from-before", null);
  persistDraftsWith(null);
  keepDraft("demo/typed-now", null);
  expect(handed).toEqual([
    ["demo/from-before", { ...draft, text: "more" }],
    ["demo/from-before", null],
  ]);
});
