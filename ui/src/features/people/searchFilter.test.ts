import { expect, test } from "vitest";
import { searchFilterJson } from "./searchFilter";

test("search_filter drops incomplete rows and keeps values as a string array", () => {
  const json = searchFilterJson([
    { model: "people", criterion: " segments ", operator: "has", query: ["vip", " "] },
    { model: "people", criterion: "", operator: "eq", query: ["x"] },
  ]);
  expect(JSON.parse(json), "only the complete row is sent, trimmed").toEqual([
    { model: "people", criterion: "segments", operator: "has", query: ["vip"] },
  ]);
});
