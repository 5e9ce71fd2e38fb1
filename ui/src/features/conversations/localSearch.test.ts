import { describe, expect, it } from "vitest";
import { EMPTY_FILTERS } from "./filters";
import { hitTitle, LOCAL_SEARCH_LIMIT, localSearchStatus, withCrispSearch } from "./localSearch";

describe("withCrispSearch", () => {
  it("runs Crisp's text search for the typed words and keeps the other filters", () => {
    const filters = { ...EMPTY_FILTERS, filter_unread: true, search_type: "filter" as const, search_query: "[]" };
    const next = withCrispSearch(filters, "  refund  ");
    expect(next).toEqual({ ...filters, search_query: "refund", search_type: "text", search_operator: "and" });
  });
});

describe("hitTitle", () => {
  it("names a hit by its stored conversation's nickname, else its session", () => {
    const snippet = [{ text: "x", matched: true }];
    expect(hitTitle({ session_id: "s1", snippet, conversation: { session_id: "s1", meta: { nickname: "Jane" } } })).toBe("Jane");
    expect(hitTitle({ session_id: "s2", snippet, conversation: null })).toBe("s2");
  });
});

describe("localSearchStatus", () => {
  it("says what the store found, and that a full screen is only the first results", () => {
    expect(localSearchStatus("ref", null)).toBe("Searching stored conversations for “ref”…");
    expect(localSearchStatus("ref", 0)).toBe("No stored conversation matches “ref”.");
    expect(localSearchStatus("ref", 1)).toBe("1 stored conversation matches “ref”.");
    expect(localSearchStatus("ref", LOCAL_SEARCH_LIMIT)).toBe(`First ${LOCAL_SEARCH_LIMIT} stored conversations match “ref”.`);
  });
});
