/**
 * The logic of a criteria filter as Crisp's filter searches take it (people `search_filter`, conversations
 * `search_query` with `search_type=filter`): a JSON array of `{ model, criterion, operator, query: [string] }`,
 * combined by a `search_operator` (`and` | `or`). The vocabulary is the caller's: it passes its own
 * suggestions to the builder, which accepts any text.
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

/** A new condition row on `model`. */
export function blankCondition(model: string): FilterCondition {
  return { model, criterion: "", operator: "eq", query: [] };
}

/** True when a row names a criterion (rows left blank are not sent). */
export function isComplete(condition: FilterCondition): boolean {
  return Boolean(condition.model.trim() && condition.criterion.trim() && condition.operator.trim());
}

/** The filter objects as Crisp takes them (incomplete rows dropped, text trimmed). */
export function toFilterObjects(conditions: FilterCondition[]): FilterCondition[] {
  return conditions.filter(isComplete).map((condition) => ({
    model: condition.model.trim(),
    criterion: condition.criterion.trim(),
    operator: condition.operator.trim(),
    query: condition.query.map((value) => value.trim()).filter(Boolean),
  }));
}

/** The JSON text shown beside the builder: exactly the filter parameter's value. */
export function filterJson(conditions: FilterCondition[]): string {
  return JSON.stringify(toFilterObjects(conditions));
}

/**
 * Raw filter JSON read back into conditions, or null when it is not a JSON array of objects with string
 * `model`, `criterion`, `operator` and a string array `query` (and nothing else), the only shape Crisp takes.
 */
export function parseFilterJson(text: string): FilterCondition[] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(value)) return null;
  const conditions: FilterCondition[] = [];
  for (const item of value) {
    if (typeof item !== "object" || item === null || Array.isArray(item)) return null;
    const { model, criterion, operator, query, ...rest } = item as Record<string, unknown>;
    if (Object.keys(rest).length) return null;
    if (typeof model !== "string" || typeof criterion !== "string" || typeof operator !== "string") return null;
    if (!Array.isArray(query) || !query.every((entry) => typeof entry === "string")) return null;
    conditions.push({ model, criterion, operator, query: query as string[] });
  }
  return conditions;
}
