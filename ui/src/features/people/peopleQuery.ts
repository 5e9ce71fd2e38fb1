/**
 * The List People module's fields as the screen keeps them, and the ListPeopleProfiles request they make.
 * Dates are typed as calendar days and sent as ISO 8601 instants (crisp-api.md §1.4): Filter From at the
 * start of its day, Filter Until at the end of its day, both UTC.
 */
import { PER_PAGE_MAX, PER_PAGE_MIN, type ListPeopleProfiles_Deserialize } from "../../ipc";
import { localToIso } from "../../components/localTime";
import { wholeNumberOr, wholeNumberProblem } from "../../components/wholeNumber";
import { toSearchFilter, type FilterCondition, type SearchOperator } from "./searchFilter";

/** Sort fields offered (Crisp's list is unpublished; these are profile fields every profile has). */
export const SORT_FIELDS = [
  { value: "", label: "Crisp's default" },
  { value: "nickname", label: "Name" },
  { value: "email", label: "Email" },
  { value: "created_at", label: "Created" },
  { value: "updated_at", label: "Updated" },
  { value: "score", label: "Engagement score" },
];

/** Sort orders offered. */
export const SORT_ORDERS: ReadonlyArray<{ value: PeopleFilters["sortOrder"]; label: string }> = [
  { value: "", label: "Crisp's default" },
  { value: "ascending", label: "Ascending" },
  { value: "descending", label: "Descending" },
];

/** The list screen's filters. */
export interface PeopleFilters {
  sortField: string;
  sortOrder: "" | "ascending" | "descending";
  searchText: string;
  filterFrom: string;
  filterUntil: string;
  limit: string;
  /** Profiles asked of Crisp per request, "" for PER_PAGE. */
  perPage: string;
  searchOperator: SearchOperator;
  conditions: FilterCondition[];
}

/** Nothing filtered, Crisp's order. */
export function defaultFilters(): PeopleFilters {
  return {
    sortField: "",
    sortOrder: "",
    searchText: "",
    filterFrom: "",
    filterUntil: "",
    limit: "",
    perPage: "",
    searchOperator: "and",
    conditions: [],
  };
}

/** Profiles per page asked of Crisp when Per Page is empty (its maximum). */
export const PER_PAGE = PER_PAGE_MAX;

/** The page size to ask for: Per Page, or PER_PAGE when empty. */
export function perPageOf(filters: PeopleFilters): number {
  return wholeNumberOr(filters.perPage, PER_PAGE);
}

/** Why Per Page is refused (outside Crisp's range, from the bindings), or `undefined`. */
export function perPageProblem(perPage: string): string | undefined {
  return wholeNumberProblem(perPage, PER_PAGE_MIN, PER_PAGE_MAX);
}

/** The most profiles to load, or `undefined` for all. */
export function limitOf(filters: PeopleFilters): number | undefined {
  const n = Number(filters.limit);
  return filters.limit.trim() && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Why the Limit field is wrong, or `undefined`. */
export function limitProblem(limit: string): string | undefined {
  if (!limit.trim()) return undefined;
  const n = Number(limit);
  return Number.isInteger(n) && n > 0 ? undefined : "Enter a whole number above 0, or leave empty for all.";
}

/** Why the date range is wrong, or `undefined`. */
export function rangeProblem(filters: PeopleFilters): string | undefined {
  if (filters.filterFrom && filters.filterUntil && filters.filterFrom > filters.filterUntil) {
    return "Filter Until must be on or after Filter From.";
  }
  return undefined;
}

/**
 * The ListPeopleProfiles request for one page: only the filters that are set, by their Crisp query names.
 * `search_filter` is the builder's filter objects (the client JSON-encodes them into one query parameter).
 */
export function listRequest(websiteId: string, filters: PeopleFilters, page: number): ListPeopleProfiles_Deserialize {
  const request: ListPeopleProfiles_Deserialize = { website_id: websiteId, page, per_page: perPageOf(filters) };
  if (filters.sortField) request.sort_field = filters.sortField;
  if (filters.sortOrder) request.sort_order = filters.sortOrder;
  if (filters.searchText.trim()) request.search_text = filters.searchText.trim();
  // Days the user picks are their local days (as the conversations' date filters), sent as the UTC instants.
  const from = localToIso(filters.filterFrom);
  const until = localToIso(filters.filterUntil, true);
  if (from) request.filter_date_start = from;
  if (until) request.filter_date_end = until;
  const searchFilter = toSearchFilter(filters.conditions);
  if (searchFilter.length) {
    request.search_filter = searchFilter;
    request.search_operator = filters.searchOperator;
  }
  return request;
}
