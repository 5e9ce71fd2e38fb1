import { describe, expect, test } from "vitest";
import type { Conversation } from "../../ipc";
import { distinctConversations, distinctConversationsOf, joinRefreshedPage } from "./refresh";

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

/** `page` behind a proxy that counts every read of it. */
function counted(page: Conversation[], reads: { count: number }): Conversation[] {
  return new Proxy(page, {
    get(target, key, receiver) {
      reads.count += 1;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

describe("distinctConversationsOf", () => {
  test("the next page loaded is read alone, and extends the last answer without changing it", () => {
    const reads = { count: 0 };
    const first = loaded.slice(0, 2).map((page) => counted(page, reads));
    const distinct = distinctConversationsOf();
    const before = distinct(first);
    expect(ids(before)).toEqual(["s1", "s2", "s3", "s4", "s5", "s6"]);
    reads.count = 0;
    // The third page repeats s6 (it moved down a place on Crisp meanwhile): listed once, in its first place.
    const third = [conversation(6), conversation(7), conversation(8)];
    const after = distinct([...first, third]);
    expect(reads.count, "the pages read before are not read again").toBe(0);
    expect(ids(after)).toEqual(["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"]);
    expect(ids(before), "the answer given before stands as it was").toEqual(["s1", "s2", "s3", "s4", "s5", "s6"]);
    expect(distinct([...first, third]), "the same pages again: the same answer").toBe(after);
  });

  test("pages that changed (a refresh, a live change, other filters) are all read again", () => {
    const distinct = distinctConversationsOf();
    distinct(loaded);
    const moved = [[conversation(8, 200), conversation(1), conversation(2)], [conversation(3), conversation(4), conversation(5)], loaded[2]];
    expect(ids(distinct(moved)), "s8 once, at the top").toEqual(["s8", "s1", "s2", "s3", "s4", "s5", "s7", "s9"]);
    expect(ids(distinct([loaded[1]])), "fewer pages").toEqual(["s4", "s5", "s6"]);
    expect(distinct(undefined), "nothing loaded").toEqual([]);
    expect(ids(distinct(loaded)), "from the start again").toEqual(["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9"]);
  });
});
