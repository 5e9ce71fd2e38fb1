import { describe, expect, it } from "vitest";
import { defaultFilters } from "./peopleQuery";
import { localPeopleStatus, peopleHitTitle, withSearchText } from "./localPeopleSearch";

describe("withSearchText", () => {
  it("applies Crisp's Search Text for the typed words and keeps the other filters", () => {
    const filters = { ...defaultFilters(), sortOrder: "descending" as const };
    expect(withSearchText(filters, " jane ")).toEqual({ ...filters, searchText: "jane" });
  });
});

describe("peopleHitTitle", () => {
  it("names a hit by nickname, else email, else People ID", () => {
    const snippet = [{ text: "x", matched: true }];
    expect(peopleHitTitle({ people_id: "p1", snippet, profile: { email: "a@b.c", person: { nickname: "Ana" } } })).toBe("Ana");
    expect(peopleHitTitle({ people_id: "p2", snippet, profile: { email: "a@b.c" } })).toBe("a@b.c");
    expect(peopleHitTitle({ people_id: "p3", snippet, profile: null })).toBe("p3");
  });
});

describe("localPeopleStatus", () => {
  it("says what the store found", () => {
    expect(localPeopleStatus("an", null)).toBe("Searching stored people for “an”…");
    expect(localPeopleStatus("an", 0)).toBe("No stored profile matches “an”.");
    expect(localPeopleStatus("an", 1)).toBe("1 stored profile matches “an”.");
    expect(localPeopleStatus("an", 3)).toBe("3 stored profiles match “an”.");
  });
});
