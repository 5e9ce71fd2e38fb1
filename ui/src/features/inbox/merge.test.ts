import { describe, expect, test } from "vitest";
import type { Conversation } from "../../ipc";
import { mergeConversations, parseRowPath, rowKey, rowPath, type MergeSource } from "./merge";

/** A conversation updated at minute `at` (created an hour earlier). */
function at(session: string, minute: number): Conversation {
  return { session_id: session, updated_at: minute * 60_000, created_at: minute * 60_000 - 3_600_000 } as Conversation;
}

function source(connection: string, conversations: Conversation[], state: MergeSource["state"] = "end"): MergeSource {
  return { connection, conversations, state };
}

const order = (merged: ReturnType<typeof mergeConversations>) => merged.rows.map((r) => `${r.connection}:${r.conversation.session_id}`);

describe("mergeConversations", () => {
  test("interleaves every connection's conversations newest first by update time", () => {
    const merged = mergeConversations([
      source("acme", [at("a1", 50), at("a2", 30), at("a3", 10)]),
      source("demo", [at("d1", 40), at("d2", 20)]),
    ]);
    expect(order(merged), "each row takes the newest head among the connections").toEqual([
      "acme:a1",
      "demo:d1",
      "acme:a2",
      "demo:d2",
      "acme:a3",
    ]);
    expect(merged.blocked, "both lists ended, so nothing more is needed").toEqual([]);
  });

  test("stops where a connection with more pages runs out and names it, without asking the others", () => {
    const merged = mergeConversations([
      source("acme", [at("a1", 50), at("a2", 30)], "more"),
      source("demo", [at("d1", 40), at("d2", 20), at("d3", 5)], "more"),
    ]);
    expect(order(merged), "after acme's last loaded one, its next page may be newer than demo:d2").toEqual([
      "acme:a1",
      "demo:d1",
      "acme:a2",
    ]);
    expect(merged.blocked, "only acme's next page is needed; demo still has loaded rows to offer").toEqual(["acme"]);
  });

  test("waits for a connection whose first page has not arrived yet", () => {
    const merged = mergeConversations([source("acme", [], "more"), source("demo", [at("d1", 40)], "end")]);
    expect(merged.rows, "acme's first page may hold the newest conversation").toEqual([]);
    expect(merged.blocked).toEqual(["acme"]);
  });

  test("a failed connection never holds the others back", () => {
    const merged = mergeConversations([
      source("broken", [], "failed"),
      source("acme", [at("a1", 50)], "end"),
      source("half", [at("h1", 60)], "failed"),
    ]);
    expect(order(merged), "the failed ones show what they loaded and the rest goes on").toEqual(["half:h1", "acme:a1"]);
    expect(merged.blocked).toEqual([]);
  });

  test("keeps the connections' order for conversations updated at the same time", () => {
    const merged = mergeConversations([source("b", [at("b1", 10)]), source("a", [at("a1", 10)])]);
    expect(order(merged), "a tie goes to the connection listed first").toEqual(["b:b1", "a:a1"]);
  });

  test("orders by creation time when asked", () => {
    const early = { session_id: "e", created_at: 100, updated_at: 900 } as Conversation;
    const late = { session_id: "l", created_at: 500, updated_at: 600 } as Conversation;
    expect(order(mergeConversations([source("x", [early]), source("y", [late])], "created_at"))).toEqual(["y:l", "x:e"]);
    expect(order(mergeConversations([source("x", [early]), source("y", [late])], "updated_at"))).toEqual(["x:e", "y:l"]);
  });

  test("a conversation that moved to the next page between loads shows once, at its newer place", () => {
    const merged = mergeConversations([source("acme", [at("a1", 50), at("a2", 40), at("a2", 40), at("a3", 30)])]);
    expect(order(merged)).toEqual(["acme:a1", "acme:a2", "acme:a3"]);
  });

  test("an item without a timestamp (or not a conversation at all) keeps its place in its connection's order", () => {
    const odd = "not a conversation" as unknown as Conversation;
    const undated = { session_id: "u" } as Conversation;
    const merged = mergeConversations([
      source("acme", [at("a1", 50), odd, undated, at("a2", 10)]),
      source("demo", [at("d1", 45), at("d2", 20)]),
    ]);
    expect(order(merged), "they sort as if updated with the conversation before them").toEqual([
      "acme:a1",
      "acme:undefined",
      "acme:u",
      "demo:d1",
      "demo:d2",
      "acme:a2",
    ]);
  });

  test("the same conversation through two connections gives two rows with different keys", () => {
    const merged = mergeConversations([source("one", [at("s", 5)]), source("two", [at("s", 5)])]);
    expect(new Set(merged.rows.map(rowKey)).size).toBe(2);
  });
});

describe("row paths", () => {
  test("name the connection and the session, and read back", () => {
    expect(parseRowPath(rowPath("c-1", "session_9/x"))).toEqual({ connection: "c-1", sessionId: "session_9/x" });
  });

  test("name no row when a part is missing", () => {
    for (const id of [null, "", "c-1", "c-1/", "/session_9"]) expect(parseRowPath(id), String(id)).toBeNull();
  });
});
