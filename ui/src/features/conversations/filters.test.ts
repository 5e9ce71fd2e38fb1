import { afterEach, describe, expect, test } from "vitest";
import { activeChips, EMPTY_FILTERS, limitOf, toSearchRequest, withoutChip } from "./filters";

const originalZone = process.env.TZ;
afterEach(() => {
  if (originalZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalZone;
});

describe("toSearchRequest", () => {
  test("sends only the filters that are set, flags as booleans and dates as ISO instants", () => {
    process.env.TZ = "UTC";
    const request = toSearchRequest(
      {
        ...EMPTY_FILTERS,
        search_query: " refund ",
        search_type: "text",
        filter_unread: true,
        filter_assigned: "d41e8b27-93c5-4f0a-b6e2-7a19c3f58d04",
        filter_date_start: "2026-07-01",
        filter_date_end: "2026-07-31",
      },
      "w1",
      2,
    );
    expect(request, "unset filters stay off the request so Crisp sees only what the user chose").toEqual({
      website_id: "w1",
      page: 2,
      per_page: 50,
      search_query: "refund",
      search_type: "text",
      filter_unread: true,
      filter_assigned: "d41e8b27-93c5-4f0a-b6e2-7a19c3f58d04",
      filter_date_start: "2026-07-01T00:00:00.000Z",
      filter_date_end: "2026-07-31T23:59:59.999Z",
    });
  });

  test("Filter Date Start and End are the user's local date and time, sent as the UTC instants they name", () => {
    const dated = { ...EMPTY_FILTERS, filter_date_start: "2026-07-01T09:00", filter_date_end: "2026-07-31T18:30" };
    process.env.TZ = "Europe/Lisbon";
    const lisbon = toSearchRequest(dated, "w1", 1);
    expect([lisbon.filter_date_start, lisbon.filter_date_end], "Lisbon is UTC+1 in July; the end minute is inclusive").toEqual([
      "2026-07-01T08:00:00.000Z",
      "2026-07-31T17:30:59.999Z",
    ]);
    process.env.TZ = "America/Los_Angeles";
    const la = toSearchRequest(dated, "w1", 1);
    expect([la.filter_date_start, la.filter_date_end], "Los Angeles is UTC-7 in July: the same wall time is a later instant").toEqual([
      "2026-07-01T16:00:00.000Z",
      "2026-08-01T01:30:59.999Z",
    ]);
  });

  test("an empty panel asks for the plain first page", () => {
    expect(toSearchRequest(EMPTY_FILTERS, "w1", 1)).toEqual({ website_id: "w1", page: 1, per_page: 50 });
  });

  test("a filter search sends the filter objects and how they combine, not the text as typed", () => {
    const typed = ' [ {"model":"session", "criterion":" meta.email ","operator":"eq","query":["ana@example.com"]} ] ';
    expect(toSearchRequest({ ...EMPTY_FILTERS, search_type: "filter", search_query: typed, search_operator: "or" }, "w1", 1), "the client encodes typed filter objects as one JSON parameter").toEqual({
      website_id: "w1",
      page: 1,
      per_page: 50,
      search_type: "filter",
      search_operator: "or",
      search_query: [{ model: "session", criterion: "meta.email", operator: "eq", query: ["ana@example.com"] }],
    });
  });

  test("a filter with no complete condition is no search at all", () => {
    const empty = { ...EMPTY_FILTERS, search_type: "filter" as const, search_query: '[{"model":"session","criterion":"","operator":"eq","query":[]}]' };
    expect(toSearchRequest(empty, "w1", 1), "an empty filter array would ask Crisp for nothing meaningful").toEqual({
      website_id: "w1",
      page: 1,
      per_page: 50,
    });
    expect(activeChips(empty), "no chip claims a search that is not sent").toEqual([]);
  });

  test("a search type without a query is not sent", () => {
    expect(toSearchRequest({ ...EMPTY_FILTERS, search_type: "segment" }, "w1", 1).search_type).toBeUndefined();
  });
});

describe("chips", () => {
  test("name each active filter with its documented label and the operator's name", () => {
    const filters = { ...EMPTY_FILTERS, filter_resolved: true, filter_assigned: "u1", limit: "30" };
    expect(activeChips(filters, (id) => (id === "u1" ? "Rui Matos" : null)).map((c) => c.label)).toEqual([
      "Filter Resolved",
      "Filter Assigned: Rui Matos",
      "Limit: 30",
    ]);
  });

  test("removing the search chip also clears its type", () => {
    const next = withoutChip({ ...EMPTY_FILTERS, search_query: "x", search_type: "segment" }, "search_query");
    expect(next.search_type, "a type without a query means nothing").toBe("");
  });

  test("a limit that is not a positive integer is ignored", () => {
    expect(limitOf({ ...EMPTY_FILTERS, limit: "abc" })).toBeNull();
    expect(limitOf({ ...EMPTY_FILTERS, limit: "0" })).toBeNull();
    expect(limitOf({ ...EMPTY_FILTERS, limit: "25" })).toBe(25);
  });
});
