import { describe, expect, test } from "vitest";
import { cannedTrigger, fillPlaceholders, insertAtTrigger, unknownPlaceholders } from "./cannedReplies";

describe("fillPlaceholders", () => {
  test("fills {nickname} and {email} from the conversation, every occurrence", () => {
    expect(fillPlaceholders("Hi {nickname}! We wrote to {email}, {nickname}.", { nickname: "Ana", email: "ana@example.com" })).toEqual({
      text: "Hi Ana! We wrote to ana@example.com, Ana.",
      missing: [],
    });
  });

  test("an unknown placeholder stays exactly as typed", () => {
    expect(fillPlaceholders("Order {order_id} for {nickname}", { nickname: "Ana" }).text).toBe("Order {order_id} for Ana");
  });

  test("a placeholder the conversation has no value for stays as typed and is reported missing", () => {
    expect(fillPlaceholders("Hi {nickname}, see {email}", { nickname: "Ana", email: "  " })).toEqual({
      text: "Hi Ana, see {email}",
      missing: ["email"],
    });
    expect(fillPlaceholders("{nickname}", {}).missing).toEqual(["nickname"]);
  });

  test("a value that looks like a placeholder is inserted as text, not filled again", () => {
    expect(fillPlaceholders("{nickname} {email}", { nickname: "{email}", email: "e@x.io" }).text).toBe("{email} e@x.io");
  });
});

describe("unknownPlaceholders", () => {
  test("lists each unknown {name} once, known ones never", () => {
    expect(unknownPlaceholders("{name} {nickname} {order} {name} {email}")).toEqual(["name", "order"]);
    expect(unknownPlaceholders("Plain text, { spaced } and {} are not placeholders")).toEqual([]);
  });
});

describe("cannedTrigger", () => {
  test("a ! at the start or after a space starts a search with the letters up to the caret", () => {
    expect(cannedTrigger("!ref", 4)).toEqual({ start: 0, query: "ref" });
    expect(cannedTrigger("Hello\n!th", 9)).toEqual({ start: 6, query: "th" });
    expect(cannedTrigger("Hi !", 4)).toEqual({ start: 3, query: "" });
  });

  test("a ! inside a word, a space after the letters or the caret elsewhere starts nothing", () => {
    expect(cannedTrigger("Great!", 6)).toBeNull();
    expect(cannedTrigger("!ref more", 9)).toBeNull();
    expect(cannedTrigger("!ref", 0)).toBeNull();
    expect(cannedTrigger("!!", 2)).toBeNull();
  });
});

describe("insertAtTrigger", () => {
  test("replaces the ! and its letters, keeps the text after the caret, and puts the caret after the insert", () => {
    const text = "Hello !ref tail";
    const trigger = cannedTrigger(text, 10)!;
    expect(insertAtTrigger(text, trigger, 10, "Your refund left.")).toEqual({ text: "Hello Your refund left. tail", caret: 23 });
  });
});
