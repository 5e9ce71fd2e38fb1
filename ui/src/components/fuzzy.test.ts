import { describe, expect, test } from "vitest";
import { fuzzyFilter, fuzzyMatch, highlight } from "./fuzzy";

describe("fuzzyMatch", () => {
  test("matches the query's letters in order anywhere in the text, ignoring case and accents", () => {
    expect(fuzzyMatch("rsv", "Resolve")?.matched).toEqual([0, 2, 5]);
    expect(fuzzyMatch("INES", "Assign to Inês")).not.toBeNull();
    expect(fuzzyMatch("ines", "Assign to INÊS")).not.toBeNull();
  });

  test("a letter missing, or out of order, is no match", () => {
    expect(fuzzyMatch("xyz", "Resolve the conversation")).toBeNull();
    expect(fuzzyMatch("vr", "Resolve")).toBeNull();
  });

  test("an empty or blank query matches everything equally", () => {
    expect(fuzzyMatch("", "Anything")).toEqual({ score: 0, matched: [] });
    expect(fuzzyMatch("   ", "Anything")).toEqual({ score: 0, matched: [] });
  });

  test("spaces in the query are ignored, so words can be typed apart", () => {
    expect(fuzzyMatch("go peo", "Go to People")?.matched).toEqual([0, 1, 6, 7, 8]);
  });

  test("prefers letters at the start of words, so initials find the command", () => {
    expect(fuzzyMatch("mr", "Mark the conversation read")?.matched).toEqual([0, 22]);
  });
});

describe("fuzzyFilter", () => {
  const titles = ["Search records", "Resolve conversation", "Go to Conversations", "Reply"];

  test("ranks word starts and runs above scattered letters", () => {
    const ranked = fuzzyFilter(titles, "rc", (t) => t).map((r) => r.item);
    expect(ranked[0]).toBe("Resolve conversation");
    expect(ranked).not.toContain("Reply");
  });

  test("keeps the given order for an empty query", () => {
    expect(fuzzyFilter(titles, "", (t) => t).map((r) => r.item)).toEqual(titles);
  });

  test("a run of letters beats the same letters scattered", () => {
    expect(fuzzyFilter(["Cancel everything", "Conversations"], "conv", (t) => t)[0].item).toBe("Conversations");
  });
});

describe("highlight", () => {
  test("splits the text into matched and unmatched pieces at the matched indexes", () => {
    const match = fuzzyMatch("gp", "Go to People")!;
    expect(highlight("Go to People", match.matched)).toEqual([
      { text: "G", matched: true },
      { text: "o to ", matched: false },
      { text: "P", matched: true },
      { text: "eople", matched: false },
    ]);
  });

  test("counts characters outside the basic plane as one, like the matcher", () => {
    const match = fuzzyMatch("o", "😀 ok")!;
    expect(highlight("😀 ok", match.matched)).toEqual([
      { text: "😀 ", matched: false },
      { text: "o", matched: true },
      { text: "k", matched: false },
    ]);
  });
});
