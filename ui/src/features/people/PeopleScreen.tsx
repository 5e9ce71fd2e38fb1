import { useMemo, useState } from "react";
import { Empty, ErrorNotice, Loading } from "../../components/Status";
import { LocalPeopleSearch } from "./LocalPeopleSearch";
import { withSearchText } from "./localPeopleSearch";
import { PeopleCsv } from "./PeopleCsv";
import { PeopleTable, type ProfileRow } from "./PeopleTable";
import { FilterBuilder } from "../../components/FilterBuilder";
import { systemTimeZone } from "../../components/localTime";
import { PeopleIdForm, RemovePersonDialog } from "./PersonScreens";
import { TextField, SelectField } from "./ProfileFields";
import { CRITERION_SUGGESTIONS, MODEL_SUGGESTIONS, PEOPLE_MODEL } from "./searchFilter";
import { PER_PAGE_MAX, PER_PAGE_MIN } from "../../ipc";
import {
  PER_PAGE,
  SORT_FIELDS,
  SORT_ORDERS,
  defaultFilters,
  limitOf,
  limitProblem,
  listRequest,
  perPageProblem,
  rangeProblem,
  type PeopleFilters,
} from "./peopleQuery";
import { useListPeopleProfiles } from "./useListPeopleProfiles";

interface Props {
  connection: string;
  websiteId: string;
  onOpen: (peopleId: string) => void;
  /** Opens the Update form for a typed People ID. */
  onEdit: (peopleId: string) => void;
  onAdd: () => void;
}

/** People: the List People module's fields, the search_filter builder, and the virtualized table. */
export function PeopleScreen({ connection, websiteId, onOpen, onEdit, onAdd }: Props) {
  const [draft, setDraft] = useState<PeopleFilters>(defaultFilters);
  const [applied, setApplied] = useState<PeopleFilters>(defaultFilters);
  const [showBuilder, setShowBuilder] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const list = useListPeopleProfiles(connection, websiteId, applied);
  const rows: ProfileRow[] = list.rows;
  // Asked once: the screen renders again with every page of the list, and the question costs ~1 ms.
  const zone = useMemo(() => systemTimeZone(), []);
  // The export lists what the table lists: the applied filters, every page up to Limit.
  const exportRequest = useMemo(() => {
    const limit = limitOf(applied);
    return limit !== undefined ? { ...listRequest(websiteId, applied, 1), limit } : listRequest(websiteId, applied, 1);
  }, [websiteId, applied]);

  const set = <K extends keyof PeopleFilters>(key: K, value: PeopleFilters[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const limitError = limitProblem(draft.limit);
  const rangeError = rangeProblem(draft);
  const perPageError = perPageProblem(draft.perPage);

  return (
    <section className="people-screen" aria-labelledby="people-title">
      <header className="screen-header">
        <h1 id="people-title">People</h1>
        <button type="button" className="primary" onClick={onAdd}>
          Add a person
        </button>
      </header>

      <PeopleCsv connection={connection} exportRequest={exportRequest} />

      <LocalPeopleSearch
        connection={connection}
        onOpen={onOpen}
        onSearchCrisp={(query) => {
          setDraft((current) => withSearchText(current, query));
          setApplied((current) => withSearchText(current, query));
        }}
      />

      <PeopleIdForm
        initial=""
        onGet={onOpen}
        onEdit={onEdit}
        onRemove={(peopleId) => {
          setRemoved(null);
          setRemoving(peopleId);
        }}
      />
      {removed ? <p role="status">{`Profile ${removed} removed.`}</p> : null}
      <RemovePersonDialog
        connection={connection}
        websiteId={websiteId}
        open={removing !== null}
        peopleId={removing ?? ""}
        who="this person"
        onCancel={() => setRemoving(null)}
        onRemoved={(peopleId) => {
          setRemoving(null);
          setRemoved(peopleId);
        }}
      />

      <form
        className="people-filters"
        aria-label="List people"
        onSubmit={(event) => {
          event.preventDefault();
          if (!limitError && !rangeError && !perPageError) setApplied(draft);
        }}
      >
        <div className="pf-grid">
          <TextField
            path="search_text"
            label="Search Text"
            value={draft.searchText}
            onChange={(value) => set("searchText", value)}
            placeholder="Name, email, company…"
          />
          <SelectField
            path="sort_field"
            label="Sort Field"
            value={draft.sortField}
            onChange={(value) => set("sortField", value)}
            options={SORT_FIELDS}
          />
          <SelectField
            path="sort_order"
            label="Sort Order"
            value={draft.sortOrder}
            onChange={(value) => set("sortOrder", value)}
            options={SORT_ORDERS}
          />
          <DateField label="Filter From" path="filter_date_start" value={draft.filterFrom} onChange={(value) => set("filterFrom", value)} hint={`Created on or after, in your local time, ${zone}`} />
          <DateField
            label="Filter Until"
            path="filter_date_end"
            value={draft.filterUntil}
            onChange={(value) => set("filterUntil", value)}
            hint={`Created on or before, in your local time, ${zone}`}
            error={rangeError}
          />
          <TextField
            path="limit"
            label="Limit"
            value={draft.limit}
            onChange={(value) => set("limit", value)}
            inputMode="numeric"
            hint="Most profiles to load; empty for all"
            error={limitError}
          />
          <TextField
            path="per_page"
            label="Per Page"
            value={draft.perPage}
            onChange={(value) => set("perPage", value)}
            inputMode="numeric"
            hint={`Profiles per request to Crisp, ${PER_PAGE_MIN} to ${PER_PAGE_MAX}; empty asks for ${PER_PAGE}`}
            error={perPageError}
          />
        </div>
        <button
          type="button"
          className="secondary"
          aria-expanded={showBuilder}
          aria-controls="people-search-filter"
          onClick={() => setShowBuilder((shown) => !shown)}
        >
          {showBuilder ? "Hide search filter" : `Search filter${draft.conditions.length ? ` (${draft.conditions.length})` : ""}`}
        </button>
        <div id="people-search-filter" hidden={!showBuilder}>
          <FilterBuilder
            legend="Search filter"
            jsonLabel="search_filter sent to Crisp"
            defaultModel={PEOPLE_MODEL}
            models={MODEL_SUGGESTIONS}
            criteria={CRITERION_SUGGESTIONS}
            conditions={draft.conditions}
            operator={draft.searchOperator}
            onChange={(conditions, searchOperator) => setDraft((current) => ({ ...current, conditions, searchOperator }))}
          />
        </div>
        <div className="pf-actions">
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setDraft(defaultFilters());
              setApplied(defaultFilters());
            }}
          >
            Clear filters
          </button>
          <button type="submit" className="primary">
            Apply filters
          </button>
        </div>
      </form>

      {list.error ? <ErrorNotice message={list.error} onRetry={list.retry} /> : null}
      {list.loading ? (
        <Loading>Loading people…</Loading>
      ) : rows.length === 0 && !list.error ? (
        <Empty>No people match these filters.</Empty>
      ) : (
        <PeopleTable
          label="People"
          rows={rows}
          hasMore={list.hasMore}
          loadingMore={list.loadingMore}
          onLoadMore={list.loadMore}
          onOpen={onOpen}
        />
      )}
    </section>
  );
}

function DateField(props: {
  label: string;
  path: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string;
}) {
  const id = `profile-${props.path}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="date"
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={[props.hint ? `${id}-hint` : "", props.error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.hint ? (
        <span className="field-help" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <span className="field-error" id={`${id}-error`}>
          {props.error}
        </span>
      ) : null}
    </div>
  );
}
