import { InfiniteQueryObserver, QueryClient } from "@tanstack/react-query";
import { expect, test, vi } from "vitest";
import { queryKeys, type Conversation, type LiveChange, type Message } from "../ipc";
import {
  applyLiveChange,
  conversationAfterChange,
  isPlainList,
  isTyping,
  listWithFirst,
  listWithMessage,
  threadAfter,
  threadWithMessage,
  TYPING_TIMEOUT_MS,
  type Composing,
  type ConversationPages,
  type Thread,
} from "./live";

const PLAIN = { search_query: "", search_operator: "and", include_empty: false, filter_unread: false, per_page: "", limit: "" };
const UNREAD_ONLY = { ...PLAIN, filter_unread: true };

function visitor(fingerprint: number, content: string, timestamp = fingerprint): Message {
  return { session_id: "s1", type: "text", from: "user", content, fingerprint, timestamp };
}

function operator(fingerprint: number, content: string, timestamp = fingerprint): Message {
  return { session_id: "s1", type: "text", from: "operator", content, fingerprint, timestamp };
}

function thread(...pages: Message[][]): Thread {
  return { pages: pages.map((messages) => ({ messages, next: null })), pageParams: pages.map(() => null) };
}

function row(session: string, updated: number, unread = 0): Conversation {
  return { session_id: session, state: "pending", last_message: `last of ${session}`, updated_at: updated, unread: { operator: unread, visitor: 0 } };
}

function list(...pages: Conversation[][]): ConversationPages {
  return { pages, pageParams: pages.map((_, i) => i + 1) };
}

const ids = (l: ConversationPages) => l.pages.map((page) => page.map((c) => c.session_id));

test("a new message joins the thread's newest page, and a message the thread holds is replaced, not repeated", () => {
  const before = thread([visitor(3, "newest page")], [visitor(1, "older page")]);
  const added = threadWithMessage(before, operator(4, "reply"));
  expect(added.pages[0].messages.map((m) => m.fingerprint), "the reply joins the newest page").toEqual([3, 4]);
  expect(added.pages[1], "older pages are untouched").toBe(before.pages[1]);
  const again = threadWithMessage(added, visitor(1, "older page, again"));
  expect(again.pages.flatMap((p) => p.messages).filter((m) => m.fingerprint === 1), "one copy per fingerprint").toEqual([
    visitor(1, "older page, again"),
  ]);
});

test("edits, removals and read receipts change only the messages they name", () => {
  const before = thread([visitor(1, "Hi"), operator(2, "Hello"), operator(3, "How can I help?")]);
  const edited = threadAfter(before, { kind: "message_updated", session_id: "s1", fingerprint: 1, content: "Hi there" });
  expect(edited.pages[0].messages[0], "the edit replaces the content and marks it").toMatchObject({ content: "Hi there", edited: true });
  expect(edited.pages[0].messages[1], "other messages keep their identity").toBe(before.pages[0].messages[1]);

  const removed = threadAfter(before, { kind: "message_removed", session_id: "s1", fingerprint: 2 });
  expect(removed.pages[0].messages.map((m) => m.fingerprint), "the removed message leaves").toEqual([1, 3]);

  const read = threadAfter(before, { kind: "messages_read", session_id: "s1", by: "user", fingerprints: [2] });
  expect(read.pages[0].messages.map((m) => m.read ?? null), "the visitor read the operator's message it named").toEqual([null, "chat", null]);

  const unknown = threadAfter(before, { kind: "message_removed", session_id: "s1", fingerprint: 99 });
  expect(unknown, "a change naming no loaded message changes nothing").toBe(before);
});

test("a message moves its conversation first with its excerpt, and only a visitor's counts as unread", () => {
  const before = list([row("a", 30), row("b", 20)], [row("c", 10)]);
  const fromVisitor = listWithMessage(before, "c", visitor(7, "  Where is\nmy order?", 40), PLAIN);
  expect(fromVisitor && ids(fromVisitor), "c moved to the top; every page keeps its length").toEqual([["c", "a"], ["b"]]);
  expect(fromVisitor?.pages[0][0], "excerpt, preview, update time and one more unread").toMatchObject({
    last_message: "Where is my order?",
    preview_message: { excerpt: "Where is my order?", fingerprint: 7, from: "user" },
    updated_at: 40,
    unread: { operator: 1 },
  });
  const fromOperator = listWithMessage(before, "b", operator(8, "On its way", 50), PLAIN);
  expect(fromOperator?.pages[0][0], "a teammate's reply is not unread for operators").toMatchObject({
    session_id: "b",
    last_message: "On its way",
    unread: { operator: 0 },
  });
  expect(listWithMessage(before, "zzz", visitor(9, "?"), PLAIN), "a conversation the list does not hold is left to the caller").toBeNull();
  const byCreation = listWithMessage(before, "c", visitor(7, "x", 40), { ...PLAIN, order_date_created: true });
  expect(byCreation && ids(byCreation), "a list ordered by creation keeps its order").toEqual([["a", "b"], ["c"]]);
});

test("a conversation new to the list goes on top and every loaded page keeps its length", () => {
  const full = list([row("a", 3), row("b", 2)], [row("c", 1), row("d", 0)]);
  // A last page shorter than a page reads as the end of the list, so the rows flow down instead.
  expect(ids(listWithFirst(full, row("n", 9), 2)), "two full pages: d comes back with the next page").toEqual([["n", "a"], ["b", "c"]]);
  const short = list([row("a", 3), row("b", 2)]);
  expect(ids(listWithFirst(short, row("n", 9), 50)), "a list loaded to its end keeps every row").toEqual([["n", "a", "b"]]);
});

test("a row moved first from the last loaded page leaves every page its length, so the list does not end early", () => {
  const loaded = list([row("a", 5), row("b", 4)], [row("c", 3), row("d", 2)], [row("e", 1), row("f", 0)]);
  const moved = listWithFirst(loaded, row("f", 9), 2);
  expect(ids(moved), "f on top, the rows above it one place down").toEqual([["f", "a"], ["b", "c"], ["d", "e"]]);
  const fromFirstPage = listWithFirst(loaded, row("b", 9), 2);
  expect(ids(fromFirstPage), "a move within the first page").toEqual([["b", "a"], ["c", "d"], ["e", "f"]]);
  expect(fromFirstPage.pages[1], "pages below the row's own are the same objects").toBe(loaded.pages[1]);
});

test("a state or visitor change is written exactly; a change the list does not show asks for nothing", () => {
  expect(conversationAfterChange(row("a", 1), "set_state", { state: "resolved" }), "the new state").toMatchObject({ state: "resolved" });
  expect(conversationAfterChange({ ...row("a", 1), meta: { nickname: "Old", email: "e@x.io" } }, "set_nickname", { nickname: "Ada" }), "the new name, other details kept").toMatchObject({
    meta: { nickname: "Ada", email: "e@x.io" },
  });
  expect(conversationAfterChange(row("a", 1), "set_mentions", { mentions: [] }), "not shown, so not exact").toBeNull();
  expect(isPlainList(PLAIN) && !isPlainList(UNREAD_ONLY), "a filter makes a list filtered").toBe(true);
});

test("a socket change updates the open thread and the lists in the cache without reading them again", async () => {
  const client = new QueryClient();
  const threadKey = queryKeys.messages.thread("demo", "s1", null, null);
  const plainKey = queryKeys.conversations.search("demo", PLAIN);
  const filteredKey = queryKeys.conversations.search("demo", UNREAD_ONLY);
  client.setQueryData(threadKey, thread([visitor(1, "Hi")]));
  client.setQueryData(plainKey, list([row("s0", 5), row("s1", 4)]));
  client.setQueryData(filteredKey, list([row("s0", 5)]));
  const fetch = vi.fn(async (_connection: string, session: string) => row(session, 99, 1));

  applyLiveChange(client, "demo", { kind: "message_added", session_id: "s1", message: operator(2, "Teammate reply", 10) }, fetch);
  expect(client.getQueryData<Thread>(threadKey)?.pages[0].messages.map((m) => m.content), "the reply shows in the open thread").toEqual([
    "Hi",
    "Teammate reply",
  ]);
  expect(ids(client.getQueryData<ConversationPages>(plainKey)!), "its conversation moved first").toEqual([["s1", "s0"]]);
  expect(fetch, "everything was placed exactly").not.toHaveBeenCalled();

  const newcomer: LiveChange = { kind: "message_added", session_id: "s9", message: { ...visitor(3, "New here", 20), session_id: "s9" } };
  applyLiveChange(client, "demo", newcomer, fetch);
  applyLiveChange(client, "demo", newcomer, fetch);
  await vi.waitFor(() => expect(ids(client.getQueryData<ConversationPages>(plainKey)!)[0][0]).toBe("s9"));
  expect(fetch, "a conversation no list holds is fetched once, however many changes name it").toHaveBeenCalledTimes(1);
  expect(ids(client.getQueryData<ConversationPages>(filteredKey)!), "a filtered list gets no new rows: matching is Crisp's call").toEqual([["s0"]]);
  for (const key of [threadKey, plainKey, filteredKey]) {
    expect(client.getQueryState(key)?.isInvalidated, `${JSON.stringify(key)} is not read again`).toBe(false);
  }
});

test("the visitor's typing shows until they stop, send, or go quiet for the timeout", () => {
  const client = new QueryClient();
  const key = queryKeys.messages.composing("demo", "s1");
  const fetch = vi.fn();
  applyLiveChange(client, "demo", { kind: "composing", session_id: "s1", from: "user", typing: true, excerpt: "Wai" }, fetch);
  const typing = client.getQueryData<Composing>(key);
  expect(isTyping(typing, Date.now()), "typing now").toBe(true);
  expect(isTyping(typing, (typing?.at ?? 0) + TYPING_TIMEOUT_MS), "no news for the timeout ends it").toBe(false);
  applyLiveChange(client, "demo", { kind: "composing", session_id: "s1", from: "operator", typing: true }, fetch);
  expect(client.getQueryData<Composing>(key), "an operator typing is not the visitor").toBe(typing);
  applyLiveChange(client, "demo", { kind: "message_added", session_id: "s1", message: visitor(5, "Wait") }, fetch);
  expect(isTyping(client.getQueryData<Composing>(key), Date.now()), "their message ends the typing").toBe(false);
});

test("people and visitors follow their changes: a profile edit and removal in place, the count replaced", () => {
  const client = new QueryClient();
  const listKey = [...queryKeys.people.all("demo"), "list", {}];
  client.setQueryData(listKey, { pages: [[{ people_id: "p1", email: "a@x.io" }, { people_id: "p2", email: "b@x.io" }]], pageParams: [1] });
  client.setQueryData([...queryKeys.visitors.all("demo"), "count", "w1"], { count: 3, active: 1 });
  const fetch = vi.fn();
  applyLiveChange(client, "demo", { kind: "profile_changed", people_id: "p1", change: "updated", data: { people_id: "p1", email: "new@x.io", website_id: "w1" } }, fetch);
  applyLiveChange(client, "demo", { kind: "profile_changed", people_id: "p2", change: "removed", data: {} }, fetch);
  expect(client.getQueryData(listKey), "p1 edited in place, p2 gone").toEqual({ pages: [[{ people_id: "p1", email: "new@x.io" }]], pageParams: [1] });
  const visitorList = [...queryKeys.visitors.all("demo"), "list", "w1", 1, undefined];
  client.setQueryData(visitorList, []);
  expect(client.getQueryState(visitorList)?.isInvalidated, "a fresh visitor list").toBe(false);
  applyLiveChange(client, "demo", { kind: "visitors_count", count: 7 }, fetch);
  expect(client.getQueryData([...queryKeys.visitors.all("demo"), "count", "w1"]), "the count is replaced").toEqual({ count: 7, active: 1 });
  expect(client.getQueryState(visitorList)?.isInvalidated, "who is online changed, so the visitor list is read again").toBe(true);
});

test("a socket change written while the list's next page is on its way survives that page's arrival", async () => {
  const client = new QueryClient();
  // Two conversations a page; Crisp answers page 2 after the changes below, so s0 has moved down to it.
  const key = queryKeys.conversations.search("demo", { ...PLAIN, per_page: "2" });
  const pages: Record<number, Conversation[]> = { 1: [row("s0", 9), row("s1", 8)], 2: [row("s0", 9), row("s2", 7)] };
  let releasePage2 = () => {};
  const observer = new InfiniteQueryObserver<Conversation[], Error, ConversationPages, typeof key, number>(client, {
    queryKey: key,
    initialPageParam: 1,
    queryFn: ({ pageParam }) =>
      pageParam === 1 ? Promise.resolve(pages[1]) : new Promise<Conversation[]>((resolve) => (releasePage2 = () => resolve(pages[2]))),
    getNextPageParam: (_last, _all, lastPage) => (lastPage < 2 ? lastPage + 1 : undefined),
  });
  const unsubscribe = observer.subscribe(() => {});
  await vi.waitFor(() => expect(client.getQueryData<ConversationPages>(key)?.pages).toHaveLength(1));
  const nextPage = observer.fetchNextPage();
  const fetch = vi.fn(async (_connection: string, session: string) => row(session, 99, 1));

  // While page 2 is on its way: a reply moves a loaded conversation first, and a conversation no page holds writes.
  applyLiveChange(client, "demo", { kind: "message_added", session_id: "s1", message: operator(2, "Teammate reply", 10) }, fetch);
  applyLiveChange(client, "demo", { kind: "message_added", session_id: "s9", message: { ...visitor(3, "New here", 20), session_id: "s9" } }, fetch);
  await vi.waitFor(() => expect(ids(client.getQueryData<ConversationPages>(key)!)[0][0]).toBe("s9"));
  releasePage2();
  await nextPage;

  const after = client.getQueryData<ConversationPages>(key)!;
  expect(ids(after), "the page joined the list the changes wrote, not the list from before them").toEqual([
    ["s9", "s1"],
    ["s0", "s2"],
  ]);
  unsubscribe();
});

test("a profile edit written while the people list's next page is on its way survives that page's arrival", async () => {
  const client = new QueryClient();
  const key = [...queryKeys.people.all("demo"), "list", "w1"] as const;
  type Profile = { people_id: string; email: string };
  let releasePage2 = () => {};
  const observer = new InfiniteQueryObserver<Profile[], Error, { pages: Profile[][]; pageParams: unknown[] }, typeof key, number>(client, {
    queryKey: key,
    initialPageParam: 1,
    queryFn: ({ pageParam }) =>
      pageParam === 1
        ? Promise.resolve([{ people_id: "p1", email: "a@x.io" }])
        : new Promise<Profile[]>((resolve) => (releasePage2 = () => resolve([{ people_id: "p2", email: "b@x.io" }]))),
    getNextPageParam: (_last, _all, lastPage) => (lastPage < 2 ? lastPage + 1 : undefined),
  });
  const unsubscribe = observer.subscribe(() => {});
  await vi.waitFor(() => expect(client.getQueryData<{ pages: Profile[][] }>(key)?.pages).toHaveLength(1));
  const nextPage = observer.fetchNextPage();
  applyLiveChange(client, "demo", { kind: "profile_changed", people_id: "p1", change: "updated", data: { people_id: "p1", email: "new@x.io" } }, vi.fn());
  releasePage2();
  await nextPage;
  expect(client.getQueryData<{ pages: Profile[][] }>(key)?.pages, "the edit stays, and the page joins after it").toEqual([
    [{ people_id: "p1", email: "new@x.io" }],
    [{ people_id: "p2", email: "b@x.io" }],
  ]);
  unsubscribe();
});
