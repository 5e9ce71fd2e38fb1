/**
 * The `search_filter` of list_people_profiles (crisp-api.md §3.10): a JSON array of
 * `{ model, criterion, operator, query: [string] }`, combined by `search_operator` (`and` | `or`).
 * Crisp does not publish the vocabulary, so the builder suggests common words and accepts any.
 */

/** One condition as edited in the builder. */
export interface FilterCondition {
  model: string;
  criterion: string;
  operator: string;
  query: string[];
}

/** How conditions combine. */
export type SearchOperator = "and" | "or";

/** Suggested models (free text is accepted too). */
export const MODEL_SUGGESTIONS = ["people"];

/** Suggested criteria: profile fields by their Crisp path. */
export const CRITERION_SUGGESTIONS = [
  "email",
  "person.nickname",
  "person.phone",
  "person.geolocation.country",
  "person.geolocation.city",
  "person.employment.name",
  "company.name",
  "company.domain",
  "segments",
  "created_at",
  "updated_at",
];

/** Suggested operators with what they mean. */
export const OPERATOR_SUGGESTIONS: Array<{ value: string; label: string }> = [
  { value: "eq", label: "eq (equals)" },
  { value: "neq", label: "neq (does not equal)" },
  { value: "has", label: "has (contains)" },
  { value: "hasnt", label: "hasnt (does not contain)" },
  { value: "sw", label: "sw (starts with)" },
  { value: "ew", label: "ew (ends with)" },
  { value: "gt", label: "gt (greater than)" },
  { value: "gte", label: "gte (greater or equal)" },
  { value: "lt", label: "lt (less than)" },
  { value: "lte", label: "lte (less or equal)" },
];

/** A new condition row. */
export function blankCondition(): FilterCondition {
  return { model: "people", criterion: "", operator: "eq", query: [] };
}

/** True when a row names a criterion (rows left blank are not sent). */
export function isComplete(condition: FilterCondition): boolean {
  return Boolean(condition.model.trim() && condition.criterion.trim() && condition.operator.trim());
}

/** The filter objects as Crisp takes them (incomplete rows dropped, text trimmed). */
export function toSearchFilter(conditions: FilterCondition[]): FilterCondition[] {
  return conditions.filter(isComplete).map((condition) => ({
    model: condition.model.trim(),
    criterion: condition.criterion.trim(),
    operator: condition.operator.trim(),
    query: condition.query.map((value) => value.trim()).filter(Boolean),
  }));
}

/** The JSON text shown beside the builder: exactly the `search_filter` parameter's value. */
export function searchFilterJson(conditions: FilterCondition[]): string {
  return JSON.stringify(toSearchFilter(conditions));
}
