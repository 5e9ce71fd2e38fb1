import { describe, expect, test } from "vitest";
import type { Conversation } from "../../ipc";
import { distinctConversations, joinRefreshedPage } from "./refresh";

const PER_PAGE = 3;
const conversation = (n: number, updated = 100): Conversation => ({ session_id: `s${n}`, updated_at: updated });
const ids = (list: readonly Conversation[]) => list.map((c) => c.session_id);
/** Loaded pages s1..s9 in pages of three. */
const loaded = [
  [conversation(1), conversation(2), conversation(3)],
  [conversation(4), conversation(5), conversation(6)],
  [conversation(7), conversation(8), conversation(9)],
];

describe("joinRefreshedPage", () => {
  test("a new conversation on top joins the first page to what followed its last one", () => {
    const fresh = [conversation(10), conversation(1), conversation(2)];
    const page = joinRefreshedPage(fresh, loaded, 0, PER_PAGE);
    expect(ids(page ?? []), "s3 is kept: it moved to page 2 on Crisp, where the loaded page 2 does not have it").toEqual(["s10", "s1", "s2", "s3"]);
  });

  test("a conversation that moved to the top is listed there, its older place is left to the de-duplication", () => {
    const fresh = [conversation(8, 200), conversation(1), conversation(2)];
    const page = joinRefreshedPage(fresh, loaded, 0, PER_PAGE);
    expect(ids(distinctConversations([page ?? [], loaded[1], loaded[2]])), "s8 once, at the top").toEqual([
      "s8", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s9",
    ]);
  });

  test("does not join when new conversations fill the page, and the next refreshed page joins further up", () => {
    const first = [conversation(12), conversation(11), conversation(10)];
    expect(joinRefreshedPage(first, loaded, 0, PER_PAGE), "nothing loaded on this page").toBeNull();
    const second = [conversation(1), conversation(2), conversation(3)];
    const page = joinRefreshedPage(second, loaded, 1, PER_PAGE);
    expect(ids(page ?? []), "the rest of what was loaded up to page 2 follows").toEqual(["s1", "s2", "s3", "s4", "s5", "s6"]);
    expect(ids(distinctConversations([first, page ?? [], loaded[2]])), "nothing lost, nothing twice").toEqual([
      "s12", "s11", "s10", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9",
    ]);
  });

  test("does not join when its last conversation changed, was removed before, or the list ends on it", () => {
    expect(joinRefreshedPage([conversation(1), conversation(2), conversation(3, 300)], loaded, 0, PER_PAGE), "s3 changed: it may have moved").toBeNull();
    expect(joinRefreshedPage([conversation(1), conversation(3), conversation(4)], loaded, 0, PER_PAGE), "s2 was removed: s4 is past page 1").toBeNull();
    expect(joinRefreshedPage([conversation(1), conversation(2)], loaded, 0, PER_PAGE), "a short page ends the list").toBeNull();
    expect(joinRefreshedPage([conversation(1), conversation(2), "odd" as unknown as Conversation], loaded, 0, PER_PAGE), "a raw item names no conversation").toBeNull();
  });
});

describe("distinctConversations", () => {
  test("keeps each session's first place and every item that is not a conversation", () => {
    const raw = [1, 2] as unknown as Conversation;
    expect(distinctConversations([[conversation(1), raw], [conversation(1, 5), raw, conversation(2)]])).toEqual([
      conversation(1),
      raw,
      raw,
      conversation(2),
    ]);
    expect(distinctConversations(undefined), "nothing loaded yet").toEqual([]);
  });
});
