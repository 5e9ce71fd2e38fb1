import { useForm } from "react-hook-form";
import { Field } from "../../components/Field";
import { OperatorOptions, operatorName } from "../../app/operators";
import { PER_PAGE_MAX, PER_PAGE_MIN, type Operator } from "../../ipc";
import { wholeNumberProblem } from "../../components/wholeNumber";
import { EMPTY_FILTERS, PER_PAGE, type ConversationFilters } from "./filters";

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
    formState: { errors },
  } = useForm<ConversationFilters>({ values: filters, mode: "onChange" });
  return (
    <form
      className="filter-panel"
      aria-label="Filters"
      onSubmit={handleSubmit((values) => onApply({ ...values, filter_assigned: values.filter_assigned.trim() }))}
    >
      <Field label="Search Query" help="Enter a keyword or a phrase to search the conversation that matches the specified query.">
        <input type="search" {...register("search_query")} />
      </Field>
      <Field label="Search Type" help="Select the search type for the conversations: text, segment or filter.">
        <select {...register("search_type")}>
          <option value="">(default: text)</option>
          <option value="text">text</option>
          <option value="segment">segment</option>
          <option value="filter">filter</option>
        </select>
      </Field>
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
      <Field label="Filter Date Start" help="Enter the date to search the conversations from the specified date.">
        <input type="date" {...register("filter_date_start")} />
      </Field>
      <Field label="Filter Date End" help="Enter the date to search the conversations until the specified date.">
        <input type="date" {...register("filter_date_end")} />
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
