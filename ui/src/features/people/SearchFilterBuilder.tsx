import { useId } from "react";
import { ChipsField } from "./ProfileFields";
import {
  CRITERION_SUGGESTIONS,
  MODEL_SUGGESTIONS,
  OPERATOR_SUGGESTIONS,
  blankCondition,
  searchFilterJson,
  type FilterCondition,
  type SearchOperator,
} from "./searchFilter";

interface Props {
  conditions: FilterCondition[];
  operator: SearchOperator;
  onChange: (conditions: FilterCondition[], operator: SearchOperator) => void;
}

/**
 * Builds Crisp's `search_filter`: one row per condition (model, criterion, operator, values), combined
 * with and/or, and shows the exact JSON that is sent.
 */
export function SearchFilterBuilder({ conditions, operator, onChange }: Props) {
  const ids = useId();
  const update = (index: number, patch: Partial<FilterCondition>) =>
    onChange(
      conditions.map((condition, at) => (at === index ? { ...condition, ...patch } : condition)),
      operator,
    );
  return (
    <fieldset className="pf-group sf-builder">
      <legend>Search filter</legend>
      <datalist id={`${ids}-models`}>
        {MODEL_SUGGESTIONS.map((value) => (
          <option key={value} value={value} />
        ))}
      </datalist>
      <datalist id={`${ids}-criteria`}>
        {CRITERION_SUGGESTIONS.map((value) => (
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
                    placeholder="segments"
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
                    {OPERATOR_SUGGESTIONS.map((option) => (
                      <option key={option.value} value={option.value}>
                        {option.label}
                      </option>
                    ))}
                  </select>
                </div>
                <ChipsField
                  path={`search_filter.${index}.query`}
                  label="Values"
                  values={condition.query}
                  onChange={(query) => update(index, { query })}
                />
                <div className="pf-row-actions">
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Remove condition ${index + 1}`}
                    onClick={() =>
                      onChange(
                        conditions.filter((_, at) => at !== index),
                        operator,
                      )
                    }
                  >
                    Remove
                  </button>
                </div>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <button type="button" className="secondary" onClick={() => onChange([...conditions, blankCondition()], operator)}>
        Add condition
      </button>
      <div className="sf-json">
        <span id={`${ids}-json`}>search_filter sent to Crisp</span>
        <pre aria-labelledby={`${ids}-json`} data-testid="search-filter-json" tabIndex={0}>
          {searchFilterJson(conditions)}
        </pre>
      </div>
    </fieldset>
  );
}
