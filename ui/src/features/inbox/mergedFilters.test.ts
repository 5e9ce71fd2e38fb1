import { expect, test } from "vitest";
import { EMPTY_FILTERS } from "../conversations/filters";
import { mergedFilters } from "./useMergedConversations";

test("every connection is asked for the update order the merged list is sorted by", () => {
  const { filters, sortField } = mergedFilters({ ...EMPTY_FILTERS, filter_unread: true });
  expect(sortField).toBe("updated_at");
  expect(filters, "the chosen filters stay, plus the order the pages merge by").toEqual({ ...EMPTY_FILTERS, filter_unread: true, order_date_updated: true });
});

test("a chosen creation order sorts the merged list by creation time instead", () => {
  const chosen = { ...EMPTY_FILTERS, order_date_created: true };
  expect(mergedFilters(chosen), "nothing is added to the query").toEqual({ filters: chosen, sortField: "created_at" });
});
