import { afterEach, expect, test } from "vitest";
import { defaultFilters, limitOf, limitProblem, listRequest, rangeProblem } from "./peopleQuery";

const originalZone = process.env.TZ;
afterEach(() => {
  if (originalZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalZone;
});

test("the list request carries only the filters that are set, dates as the user's whole local days", () => {
  process.env.TZ = "UTC";
  expect(listRequest("w1", defaultFilters(), 3), "no filter: page and page size only").toEqual({
    website_id: "w1",
    page: 3,
    per_page: 50,
  });
  const filters = { ...defaultFilters(), filterFrom: "2024-07-01", filterUntil: "2024-07-31", searchText: "  acme " };
  expect(listRequest("w1", filters, 1), "Filter From starts its day, Filter Until ends its day").toMatchObject({
    filter_date_start: "2024-07-01T00:00:00.000Z",
    filter_date_end: "2024-07-31T23:59:59.999Z",
    search_text: "acme",
  });
  process.env.TZ = "Asia/Tokyo";
  expect(listRequest("w1", filters, 1), "in Tokyo (UTC+9) a local day starts and ends nine hours earlier in UTC").toMatchObject({
    filter_date_start: "2024-06-30T15:00:00.000Z",
    filter_date_end: "2024-07-31T14:59:59.999Z",
  });
  expect(listRequest("w1", { ...filters, conditions: [{ model: "people", criterion: "", operator: "eq", query: [] }] }, 1))
    .not.toHaveProperty("search_operator");
});

test("Limit and the date range are checked before anything is sent", () => {
  expect(limitProblem("0"), "zero loads nothing").toBeDefined();
  expect(limitProblem("2.5"), "a limit is a whole number").toBeDefined();
  expect(limitOf({ ...defaultFilters(), limit: "120" }), "a valid limit caps the list").toBe(120);
  expect(rangeProblem({ ...defaultFilters(), filterFrom: "2024-08-01", filterUntil: "2024-07-01" }), "an inverted range").toBeDefined();
});
