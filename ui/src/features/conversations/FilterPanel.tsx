import { useEffect, useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { Field } from "../../components/Field";
import { FilterBuilder } from "../../components/FilterBuilder";
import { filterJson, parseFilterJson, type FilterCondition } from "../../components/filterBuilder";
import { systemTimeZone } from "../../components/localTime";
import { OperatorOptions, operatorName } from "../operators/operators";
import { PER_PAGE_MAX, PER_PAGE_MIN, type Operator } from "../../ipc";
import { wholeNumberProblem } from "../../components/wholeNumber";
import { CONVERSATION_CRITERIA, CONVERSATION_MODEL, EMPTY_FILTERS, PER_PAGE, type ConversationFilters } from "./filters";

export interface FilterPanelProps {
  filters: ConversationFilters;
  operators: Operator[];
  onApply: (filters: ConversationFilters) => void;
}

/** Every field of the Search for Conversation module, with the module's help text beside each. */
export function FilterPanel({ filters, operators, onApply }: FilterPanelProps) {
  const {
    register,
    handleSubmit,
    reset,
    watch,
    setValue,
    formState: { errors },
  } = useForm<ConversationFilters>({ values: filters, mode: "onChange" });
  const searchType = watch("search_type");
  const searchQuery = watch("search_query");
  const searchOperator = watch("search_operator");
  // The builder's rows: they follow the raw JSON whenever it parses, and keep half-filled rows the JSON omits.
  const [conditions, setConditions] = useState<FilterCondition[]>(() => parseFilterJson(filters.search_query) ?? []);
  const [jsonError, setJsonError] = useState<string | null>(null);
  useEffect(() => {
    setConditions(parseFilterJson(filters.search_query) ?? []);
    setJsonError(null);
  }, [filters.search_query]);
  const filterSearch = searchType === "filter";
  const badJson = (text: string) =>
    text.trim() && !parseFilterJson(text)
      ? 'Not a filter: a JSON array of {"model", "criterion", "operator", "query": [values]} objects.'
      : null;
  // Asked once per panel: the panel renders again with every page of the list, and the question costs ~1 ms.
  const zone = useMemo(() => systemTimeZone(), []);
  return (
    <form
      className="filter-panel"
      aria-label="Filters"
      onSubmit={handleSubmit((values) => {
        const problem = values.search_type === "filter" ? badJson(values.search_query) : null;
        setJsonError(problem);
        if (!problem) onApply({ ...values, filter_assigned: values.filter_assigned.trim() });
      })}
    >
      {filterSearch ? null : (
        <Field label="Search Query" help="Enter a keyword or a phrase to search the conversation that matches the specified query.">
          <input type="search" {...register("search_query")} />
        </Field>
      )}
      <Field label="Search Type" help="Select the search type for the conversations: text, segment or filter.">
        <select {...register("search_type")}>
          <option value="">(default: text)</option>
          <option value="text">text</option>
          <option value="segment">segment</option>
          <option value="filter">filter</option>
        </select>
      </Field>
      {filterSearch ? (
        <FilterBuilder
          legend="Search filter"
          jsonLabel="Search Query"
          defaultModel={CONVERSATION_MODEL}
          models={[CONVERSATION_MODEL]}
          criteria={CONVERSATION_CRITERIA}
          conditions={conditions}
          operator={searchOperator}
          onChange={(next, operator) => {
            setConditions(next);
            setValue("search_query", filterJson(next), { shouldDirty: true });
            setValue("search_operator", operator, { shouldDirty: true });
            setJsonError(null);
          }}
          rawJson={{
            label: "Search Query",
            help: "The filter JSON sent as search_query: build it with the conditions above or edit it here.",
            value: searchQuery,
            error: jsonError,
            onChange: (text) => {
              setValue("search_query", text, { shouldDirty: true });
              const parsed = parseFilterJson(text);
              if (parsed) setConditions(parsed);
              setJsonError(badJson(text));
            },
          }}
        />
      ) : null}
      <fieldset className="checks">
        <legend>Show</legend>
        <Field label="Include Empty" help="Select whether you want to search the empty conversations.">
          <input type="checkbox" {...register("include_empty")} />
        </Field>
        <Field label="Filter Unread" help="Select whether you want to search only the conversations that were not read.">
          <input type="checkbox" {...register("filter_unread")} />
        </Field>
        <Field label="Filter Resolved" help="Select whether you want to search only the conversations that were resolved.">
          <input type="checkbox" {...register("filter_resolved")} />
        </Field>
        <Field label="Filter Not Resolved" help="Select whether to search the conversations that are not resolved.">
          <input type="checkbox" {...register("filter_not_resolved")} />
        </Field>
        <Field label="Filter Mention" help="Select whether to search the conversations that mention the current user.">
          <input type="checkbox" {...register("filter_mention")} />
        </Field>
        <Field label="Filter Unassigned" help="Select whether to search the conversations that were not assigned to any user.">
          <input type="checkbox" {...register("filter_unassigned")} />
        </Field>
      </fieldset>
      <Field
        label="Filter Assigned"
        help={`Only conversations assigned to this operator: pick a name or type a user ID.${
          operators.length ? ` Operators: ${operators.map(operatorName).join(", ")}.` : ""
        }`}
      >
        <input type="text" list="filter-assigned-operators" autoComplete="off" spellCheck={false} {...register("filter_assigned")} />
      </Field>
      <OperatorOptions id="filter-assigned-operators" operators={operators} />
      <Field
        label="Filter Date Start"
        help={`Enter the date to search the conversations from the specified date. In your local time, ${zone}.`}
      >
        <input type="datetime-local" {...register("filter_date_start")} />
      </Field>
      <Field
        label="Filter Date End"
        help={`Enter the date to search the conversations until the specified date (that minute included). In your local time, ${zone}.`}
      >
        <input type="datetime-local" {...register("filter_date_end")} />
      </Field>
      <fieldset className="checks">
        <legend>Order</legend>
        <Field label="Order By Date Created" help="Sort by the date the conversations were created.">
          <input type="checkbox" {...register("order_date_created")} />
        </Field>
        <Field label="Order By Date Updated" help="Sort by the date the conversations were last updated.">
          <input type="checkbox" {...register("order_date_updated")} />
        </Field>
      </fieldset>
      <Field label="Limit" help="The most conversations to load; empty loads them all as you scroll.">
        <input type="number" min={1} step={1} inputMode="numeric" {...register("limit")} />
      </Field>
      <Field
        label="Per Page"
        help={`Conversations per request to Crisp, ${PER_PAGE_MIN} to ${PER_PAGE_MAX}; empty asks for ${PER_PAGE}.`}
        error={errors.per_page?.message}
      >
        <input
          type="text"
          inputMode="numeric"
          autoComplete="off"
          {...register("per_page", { validate: (value) => wholeNumberProblem(value ?? "", PER_PAGE_MIN, PER_PAGE_MAX) ?? true })}
        />
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary">
          Apply filters
        </button>
        <button
          type="button"
          onClick={() => {
            reset(EMPTY_FILTERS);
            onApply(EMPTY_FILTERS);
          }}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}
