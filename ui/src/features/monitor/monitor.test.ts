import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { expect, test } from "vitest";
import { queryKeys, type MonitorEvent } from "../../ipc";
import { coveredByLiveChanges, readAgain, staleKeys, unreadReducer, type UnreadItem } from "./monitor";

function message(session: string, excerpt: string, timestamp: number): Extract<MonitorEvent, { kind: "visitor_message_received" }> {
  return { kind: "visitor_message_received", session_id: session, fingerprint: timestamp, excerpt, nickname: `Visitor ${session}`, timestamp, unread: 1 };
}

test("the unread list keeps one entry per conversation, newest message first, and forgets a conversation once read", () => {
  let items: UnreadItem[] = [];
  items = unreadReducer(items, { type: "message", connection: "demo", event: message("a", "first", 1_000) });
  items = unreadReducer(items, { type: "message", connection: "demo", event: message("b", "other", 2_000) });
  items = unreadReducer(items, { type: "message", connection: "demo", event: message("a", "again", 3_000) });
  items = unreadReducer(items, { type: "message", connection: "c1", event: message("a", "same id, other workspace", 500) });
  expect(items.map((i) => [i.connection, i.session_id, i.excerpt, i.messages]), "a's newest message moved it to the top").toEqual([
    ["demo", "a", "again", 2],
    ["demo", "b", "other", 1],
    ["c1", "a", "same id, other workspace", 1],
  ]);
  const read = unreadReducer(items, { type: "read", connection: "demo", session_id: "a" });
  expect(read.map((i) => [i.connection, i.session_id]), "only that connection's conversation is read").toEqual([
    ["demo", "b"],
    ["c1", "a"],
  ]);
  expect(unreadReducer(read, { type: "read", connection: "demo", session_id: "zzz" }), "nothing to read keeps the same list (no re-render)").toBe(read);
});

test("each event kind makes stale exactly what it changed", () => {
  expect(staleKeys("demo", message("s1", "hi", 1))).toEqual([queryKeys.conversations.all("demo"), queryKeys.messages.list("demo", "s1")]);
  expect(staleKeys("demo", { kind: "conversation_state_changed", session_id: "s1", to: "resolved" })).toEqual([queryKeys.conversations.all("demo")]);
  expect(staleKeys("demo", { kind: "people_profile_changed", people_id: "p", created: false })).toEqual([queryKeys.people.all("demo")]);
  expect(staleKeys("demo", { kind: "visitors_count_changed", count: 3, active: 1, previous: 2 })).toEqual([queryKeys.visitors.all("demo")]);
  expect(staleKeys("demo", { kind: "many_conversations_changed", at_least: 300 }), "changes without events of their own: the list is read again").toEqual([
    queryKeys.conversations.all("demo"),
  ]);
});

test("while live, the monitor's events refetch nothing: the socket's own changes already updated the cache", () => {
  const event = message("a", "hi", 1_000);
  expect(coveredByLiveChanges(true, event), "live: the list and thread were updated from the socket").toBe(true);
  expect(coveredByLiveChanges(false, event), "polling: what the event changed is read again").toBe(false);
  expect(coveredByLiveChanges(true, { kind: "many_conversations_changed", at_least: 300 }), "an overflow is never covered").toBe(false);
});

test("the unread list kept by the store joins the list at start, and what arrived since wins for the same conversation", () => {
  let items: UnreadItem[] = [];
  items = unreadReducer(items, { type: "message", connection: "demo", event: message("a", "arrived since", 5_000) });
  items = unreadReducer(items, {
    type: "restore",
    connection: "demo",
    items: [
      { session_id: "a", nickname: null, excerpt: "kept from before", at: 1_000, messages: 3 },
      { session_id: "b", nickname: "Bea", excerpt: "while the app was closed", at: 2_000, messages: 2 },
    ],
  });
  expect(items.map((i) => [i.connection, i.session_id, i.excerpt, i.messages])).toEqual([
    ["demo", "a", "arrived since", 1],
    ["demo", "b", "while the app was closed", 2],
  ]);
  expect(unreadReducer(items, { type: "restore", connection: "demo", items: [] }), "nothing to restore keeps the same list").toBe(items);
});

test("a change that comes while its list is being read makes the list read once more after that read ends", async () => {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  let atCrisp = ["older"];
  let reads = 0;
  const observer = new QueryObserver(client, {
    queryKey: [...queryKeys.conversations.all("demo"), "search", {}],
    // Each read answers what Crisp held when it was asked, a moment later.
    queryFn: () => {
      reads += 1;
      const held = [...atCrisp];
      return new Promise<string[]>((resolve) => setTimeout(() => resolve(held), 30));
    },
  });
  const stop = observer.subscribe(() => undefined);
  try {
    await expect.poll(() => reads).toBe(1);
    // The change lands at Crisp while that first read is under way, and its event asks for the list again.
    atCrisp = ["newer", "older"];
    readAgain(client, [queryKeys.conversations.all("demo")]);
    await expect.poll(() => observer.getCurrentResult().data, { timeout: 2_000 }).toEqual(["newer", "older"]);
    expect(reads, "the read under way was not restarted, and one more followed it").toBe(2);
  } finally {
    stop();
    client.clear();
  }
});
