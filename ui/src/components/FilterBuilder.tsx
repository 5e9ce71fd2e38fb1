import { useId, useState, type KeyboardEvent } from "react";
import { blankCondition, filterJson, OPERATOR_SUGGESTIONS, type FilterCondition, type SearchOperator } from "./filterBuilder";
import { RemoveRowButton } from "./RemoveRowButton";
import "./filterBuilder.css";

/** The raw JSON as an editable control, for screens where the filter text is itself a field. */
export interface RawFilterJson {
  /** The control's label (the documented field the JSON is sent as). */
  label: string;
  help?: string;
  value: string;
  onChange: (text: string) => void;
  error?: string | null;
}

export interface FilterBuilderProps {
  conditions: FilterCondition[];
  operator: SearchOperator;
  onChange: (conditions: FilterCondition[], operator: SearchOperator) => void;
  /** The group's legend. */
  legend: string;
  /** The model a new row starts with. */
  defaultModel: string;
  /** Suggested models and criteria (any text is accepted). */
  models: string[];
  criteria: string[];
  /** What the JSON shown is sent as (`search_filter sent to Crisp`). */
  jsonLabel: string;
  /** When given, the JSON is an editable textarea instead of a read-only preview. */
  rawJson?: RawFilterJson;
}

/**
 * Builds a criteria filter: one row per condition (model, criterion, operator, values), combined with
 * and/or, and shows the exact JSON that is sent (editable when `rawJson` is given).
 */
export function FilterBuilder(props: FilterBuilderProps) {
  const { conditions, operator, onChange, rawJson } = props;
  const ids = useId();
  const update = (index: number, patch: Partial<FilterCondition>) =>
    onChange(
      conditions.map((condition, at) => (at === index ? { ...condition, ...patch } : condition)),
      operator,
    );
  return (
    <fieldset className="pf-group sf-builder">
      <legend>{props.legend}</legend>
      <datalist id={`${ids}-models`}>
        {props.models.map((value) => (
          <option key={value} value={value} />
        ))}
      </datalist>
      <datalist id={`${ids}-criteria`}>
        {props.criteria.map((value) => (
          <option key={value} value={value} />
        ))}
      </datalist>
      <div className="sf-combine" role="radiogroup" aria-label="Combine conditions with">
        <span>Match</span>
        {(["and", "or"] as const).map((value) => (
          <label key={value} className="sf-radio">
            <input
              type="radio"
              name={`${ids}-operator`}
              value={value}
              checked={operator === value}
              onChange={() => onChange(conditions, value)}
            />
            {value === "and" ? "all conditions (and)" : "any condition (or)"}
          </label>
        ))}
      </div>
      <ol className="pf-rows">
        {conditions.map((condition, index) => (
          <li key={index}>
            <fieldset className="pf-row sf-row">
              <legend>Condition {index + 1}</legend>
              <div className="pf-grid">
                <div className="field">
                  <label htmlFor={`${ids}-model-${index}`}>Model</label>
                  <input
                    id={`${ids}-model-${index}`}
                    list={`${ids}-models`}
                    value={condition.model}
                    onChange={(event) => update(index, { model: event.target.value })}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`${ids}-criterion-${index}`}>Criterion</label>
                  <input
                    id={`${ids}-criterion-${index}`}
                    list={`${ids}-criteria`}
                    placeholder={props.criteria[0]}
                    value={condition.criterion}
                    onChange={(event) => update(index, { criterion: event.target.value })}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`${ids}-op-${index}`}>Operator</label>
                  <select
                    id={`${ids}-op-${index}`}
                    value={condition.operator}
                    onChange={(event) => update(index, { operator: event.target.value })}
                  >
                    {OPERATOR_SUGGESTIONS.some((option) => option.value === condition.operator) ? null : (
                      <option value={condition.operator}>{condition.operator}</option>
                    )}
                    {OPERATOR_SUGGESTIONS.map((option) => (
                      <option key={option.value} value={option.value}>
                        {option.label}
                      </option>
                    ))}
                  </select>
                </div>
                <ValuesField id={`${ids}-values-${index}`} values={condition.query} onChange={(query) => update(index, { query })} />
                <RemoveRowButton
                  row="condition"
                  index={index}
                  onRemove={() =>
                    onChange(
                      conditions.filter((_, at) => at !== index),
                      operator,
                    )
                  }
                />
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <button type="button" className="secondary" onClick={() => onChange([...conditions, blankCondition(props.defaultModel)], operator)}>
        Add condition
      </button>
      {rawJson ? (
        <div className="field sf-json">
          <label htmlFor={`${ids}-json`}>{rawJson.label}</label>
          <textarea
            id={`${ids}-json`}
            data-testid="filter-json"
            rows={4}
            spellCheck={false}
            value={rawJson.value}
            aria-invalid={rawJson.error ? true : undefined}
            aria-describedby={[rawJson.help ? `${ids}-json-help` : "", rawJson.error ? `${ids}-json-error` : ""].filter(Boolean).join(" ") || undefined}
            onChange={(event) => rawJson.onChange(event.target.value)}
          />
          {rawJson.help ? (
            <span className="field-help" id={`${ids}-json-help`}>
              {rawJson.help}
            </span>
          ) : null}
          {rawJson.error ? (
            <span className="field-error" id={`${ids}-json-error`}>
              {rawJson.error}
            </span>
          ) : null}
        </div>
      ) : (
        <div className="sf-json">
          <span id={`${ids}-json`}>{props.jsonLabel}</span>
          <pre aria-labelledby={`${ids}-json`} data-testid="search-filter-json" tabIndex={0}>
            {filterJson(conditions)}
          </pre>
        </div>
      )}
    </fieldset>
  );
}

/**
 * A condition's values typed as chips: Enter or comma adds what is typed, Backspace in an empty box removes
 * the last chip, each chip has its own remove button, leaving the box adds what is still in it.
 */
function ValuesField({ id, values, onChange }: { id: string; values: string[]; onChange: (values: string[]) => void }) {
  const [draft, setDraft] = useState("");
  const add = (text: string) => {
    const items = text
      .split(/[,\n]/)
      .map((item) => item.trim())
      .filter((item, index, all) => item && all.indexOf(item) === index && !values.includes(item));
    if (items.length) onChange([...values, ...items]);
    setDraft("");
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" || (event.key === "," && draft.trim())) {
      event.preventDefault();
      if (draft.trim()) add(draft);
    } else if (event.key === "Backspace" && !draft && values.length) {
      onChange(values.slice(0, -1));
    }
  };
  return (
    <div className="field pf-chips">
      <label htmlFor={id}>Values</label>
      <div className="pf-chips-box">
        <ul className="pf-chip-list" id={`${id}-chips`}>
          {values.map((value) => (
            <li key={value} className="pf-chip">
              <span>{value}</span>
              <button
                type="button"
                className="pf-chip-remove"
                aria-label={`Remove ${value} from Values`}
                onClick={() => onChange(values.filter((item) => item !== value))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <input
          id={id}
          value={draft}
          placeholder="Type and press Enter"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-chips`}
          onChange={(event) => {
            const text = event.target.value;
            if (text.includes(",")) add(text);
            else setDraft(text);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            if (draft.trim()) add(draft);
          }}
        />
      </div>
    </div>
  );
}
