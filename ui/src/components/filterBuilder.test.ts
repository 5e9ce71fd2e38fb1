import { describe, expect, test } from "vitest";
import { filterJson, parseFilterJson } from "./filterBuilder";

describe("filterJson", () => {
  test("drops incomplete rows and keeps values as a string array", () => {
    const json = filterJson([
      { model: "people", criterion: " segments ", operator: "has", query: ["vip", " "] },
      { model: "people", criterion: "", operator: "eq", query: ["x"] },
    ]);
    expect(JSON.parse(json), "only the complete row is sent, trimmed").toEqual([
      { model: "people", criterion: "segments", operator: "has", query: ["vip"] },
    ]);
  });
});

describe("parseFilterJson", () => {
  test("reads typed filter JSON back into rows, so the builder follows the raw text", () => {
    expect(
      parseFilterJson('[{"model":"session","criterion":"meta.email","operator":"eq","query":["ana@example.com"]}]'),
      "the contract's example filter is one row",
    ).toEqual([{ model: "session", criterion: "meta.email", operator: "eq", query: ["ana@example.com"] }]);
    expect(parseFilterJson(" [] "), "an empty array is no condition").toEqual([]);
  });

  test("refuses JSON that is not an array of filter objects", () => {
    for (const bad of [
      "",
      "refund",
      '{"model":"session"}',
      '[{"model":"session","criterion":"meta.email","operator":"eq","query":"ana"}]',
      '[{"model":"session","criterion":"meta.email","operator":"eq","query":[1]}]',
      '[{"model":"session","criterion":"meta.email","query":["a"]}]',
      '[{"model":"session","criterion":"meta.email","operator":"eq","query":["a"],"extra":1}]',
    ]) {
      expect(parseFilterJson(bad), `${bad} is not a filter Crisp takes`).toBeNull();
    }
  });
});
