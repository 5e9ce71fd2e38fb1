import { describe, expect, test } from "vitest";
import type { Conversation } from "../../ipc";
import type { SelectableRow } from "./selection";
import { selectableConversations } from "./useConversationSelection";

const connection = { id: "acme", website_id: "w-acme" };
const conversation = (n: number): Conversation => ({ session_id: `s${n}`, meta: { nickname: `Visitor ${n}` } });

describe("selectableConversations", () => {
  test("each conversation is a row of its connection, titled as the list shows it; an item that is not one cannot be selected", () => {
    const raw = "odd" as unknown as Conversation;
    expect(selectableConversations(connection, [conversation(1), raw], new WeakMap())).toEqual([
      { connection: "acme", websiteId: "w-acme", sessionId: "s1", title: "Visitor 1" },
      { connection: "acme", websiteId: "w-acme", sessionId: "", title: "Conversation" },
    ]);
  });

  test("a conversation seen before gives the same row again, so the next page costs a lookup per loaded row", () => {
    const remembered = new WeakMap<object, SelectableRow>();
    const first = [conversation(1), conversation(2)];
    const before = selectableConversations(connection, first, remembered);
    const after = selectableConversations(connection, [...first, conversation(3)], remembered);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBe(before[1]);
    expect(after[2]).toEqual({ connection: "acme", websiteId: "w-acme", sessionId: "s3", title: "Visitor 3" });
    const changed = { ...first[0], meta: { nickname: "Ana" } };
    expect(selectableConversations(connection, [changed], remembered)[0].title, "a changed conversation is a new object: read again").toBe("Ana");
  });
});
