import { localToIso, showLocal } from "../../components/localTime";
import { parseFilterJson, toFilterObjects } from "../../components/filterBuilder";
import { wholeNumberOr } from "../../components/wholeNumber";
import { PER_PAGE_MAX, type SearchConversations, type SearchOperator, type SearchQuery, type SearchType } from "../../ipc";

/** The Search for Conversation module's fields, as the filter panel holds them. */
export interface ConversationFilters {
  search_query: string;
  search_type: SearchType | "";
  /** How filter objects combine (filter searches only). */
  search_operator: SearchOperator;
  include_empty: boolean;
  filter_unread: boolean;
  filter_resolved: boolean;
  filter_not_resolved: boolean;
  filter_mention: boolean;
  /** An operator's user_id (picked by name or typed). */
  filter_assigned: string;
  filter_unassigned: boolean;
  /** Local `YYYY-MM-DDTHH:mm` (or a day) in the system's timezone, from the input; sent as the UTC instant. */
  filter_date_start: string;
  filter_date_end: string;
  order_date_created: boolean;
  order_date_updated: boolean;
  /** The most conversations to load, "" for no cap. */
  limit: string;
  /** Conversations asked of Crisp per request, "" for PER_PAGE. */
  per_page: string;
}

export const EMPTY_FILTERS: ConversationFilters = {
  search_query: "",
  search_type: "",
  search_operator: "and",
  include_empty: false,
  filter_unread: false,
  filter_resolved: false,
  filter_not_resolved: false,
  filter_mention: false,
  filter_assigned: "",
  filter_unassigned: false,
  filter_date_start: "",
  filter_date_end: "",
  order_date_created: false,
  order_date_updated: false,
  limit: "",
  per_page: "",
};

/** The model conversation filter objects name (crisp-api.md §3.2: `{"model":"session",...}`). */
export const CONVERSATION_MODEL = "session";

/** Suggested criteria for conversation filters (Crisp does not publish the list; any text is accepted). */
export const CONVERSATION_CRITERIA = [
  "meta.email",
  "meta.nickname",
  "meta.phone",
  "meta.segments",
  "meta.subject",
  "state",
  "created_at",
  "updated_at",
];

/** Crisp pages conversations 20–50 at a time; without a Per Page the list asks for the most. */
export const PER_PAGE = PER_PAGE_MAX;

/** The page size to ask for: Per Page, or PER_PAGE when empty. */
export function perPageOf(filters: ConversationFilters): number {
  return wholeNumberOr(filters.per_page ?? "", PER_PAGE);
}

const FLAGS = [
  ["include_empty", "Include Empty"],
  ["filter_unread", "Filter Unread"],
  ["filter_resolved", "Filter Resolved"],
  ["filter_not_resolved", "Filter Not Resolved"],
  ["filter_mention", "Filter Mention"],
  ["filter_unassigned", "Filter Unassigned"],
  ["order_date_created", "Order By Date Created"],
  ["order_date_updated", "Order By Date Updated"],
] as const;

/**
 * What goes out as `search_query`, or undefined for no search. A filter search sends filter objects (the
 * client encodes them as one JSON parameter) and none when no condition is complete; filter text that is not
 * a filter array goes as typed (the panel refuses it before it gets here).
 */
export function searchQueryOf(filters: ConversationFilters): SearchQuery | undefined {
  const query = filters.search_query.trim();
  if (!query) return undefined;
  if (filters.search_type !== "filter") return query;
  const conditions = parseFilterJson(query);
  if (!conditions) return query;
  const objects = toFilterObjects(conditions);
  return objects.length ? objects : undefined;
}

/** The `search_conversations` request for one page: only set filters go in, flags as booleans. */
export function toSearchRequest(filters: ConversationFilters, websiteId: string, page: number): SearchConversations {
  const request: SearchConversations = { website_id: websiteId, page, per_page: perPageOf(filters) };
  const query = searchQueryOf(filters);
  if (query !== undefined) {
    request.search_query = query;
    if (filters.search_type) request.search_type = filters.search_type;
    if (filters.search_type === "filter") request.search_operator = filters.search_operator;
  }
  for (const [key] of FLAGS) if (filters[key]) request[key] = true;
  const assigned = filters.filter_assigned.trim();
  if (assigned) request.filter_assigned = assigned;
  const start = localToIso(filters.filter_date_start);
  if (start) request.filter_date_start = start;
  const end = localToIso(filters.filter_date_end, true);
  if (end) request.filter_date_end = end;
  return request;
}

/** The Limit as a number, or null when empty or not a positive integer. */
export function limitOf(filters: ConversationFilters): number | null {
  const n = Number(filters.limit);
  return filters.limit.trim() !== "" && Number.isInteger(n) && n > 0 ? n : null;
}

/** An active filter as its chip shows it: the field that removing it resets, and the words. */
export interface FilterChip {
  key: keyof ConversationFilters;
  label: string;
}

/** One chip per active filter, with what removing it resets. */
export function activeChips(
  filters: ConversationFilters,
  operatorName: (userId: string) => string | null = () => null,
): FilterChip[] {
  const chips: FilterChip[] = [];
  if (searchQueryOf(filters) !== undefined) {
    chips.push({
      key: "search_query",
      label: `Search Query: ${filters.search_query.trim()}${filters.search_type ? ` (${filters.search_type})` : ""}`,
    });
  }
  for (const [key, label] of FLAGS) if (filters[key]) chips.push({ key, label });
  if (filters.filter_assigned.trim()) {
    const id = filters.filter_assigned.trim();
    chips.push({ key: "filter_assigned", label: `Filter Assigned: ${operatorName(id) ?? id}` });
  }
  if (filters.filter_date_start) chips.push({ key: "filter_date_start", label: `Filter Date Start: ${showLocal(filters.filter_date_start)}` });
  if (filters.filter_date_end) chips.push({ key: "filter_date_end", label: `Filter Date End: ${showLocal(filters.filter_date_end)}` });
  if (limitOf(filters) != null) chips.push({ key: "limit", label: `Limit: ${filters.limit}` });
  return chips;
}

/** The filters with one chip removed (a removed search also drops its type). */
export function withoutChip(filters: ConversationFilters, key: keyof ConversationFilters): ConversationFilters {
  const next = { ...filters, [key]: EMPTY_FILTERS[key] };
  if (key === "search_query") {
    next.search_type = "";
    next.search_operator = "and";
  }
  return next;
}
