import { lazy, Suspense, useRef, useState, type Dispatch, type RefObject, type SetStateAction } from "react";
import { Chip } from "../../components/Chip";
import { Loading } from "../../components/Status";
import type { Operator } from "../../ipc";
import { EMPTY_FILTERS, withoutChip, type ConversationFilters, type FilterChip } from "./filters";

// The panel (and its form library) loads the first time it opens: the inbox starts without it.
const FilterPanel = lazy(() => import("./FilterPanel").then((m) => ({ default: m.FilterPanel })));

/** A conversation list's filters: what is applied, and whether the panel that edits them is open. */
export interface FilterBarState {
  filters: ConversationFilters;
  setFilters: Dispatch<SetStateAction<ConversationFilters>>;
  /** Whether the filter panel shows. */
  open: boolean;
  setOpen: Dispatch<SetStateAction<boolean>>;
  /** The panel's element ID, which the Filters button controls. */
  panelId: string;
  /** The Filters button, focused again when Apply closes the panel. */
  button: RefObject<HTMLButtonElement | null>;
}

/** The filters of one conversation list (the inbox's or the merged inbox's): none at first, the panel closed. */
export function useFilterBar(panelId: string): FilterBarState {
  const [filters, setFilters] = useState<ConversationFilters>(EMPTY_FILTERS);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return { filters, setFilters, open, setOpen, panelId, button };
}

/** The screen header's Filters button: opens and closes the panel, and says how many filters are `active`. */
export function FiltersButton({ bar, active }: { bar: FilterBarState; active: number }) {
  return (
    <button ref={bar.button} type="button" aria-expanded={bar.open} aria-controls={bar.panelId} onClick={() => bar.setOpen((v) => !v)}>
      Filters{active ? ` (${active})` : ""}
    </button>
  );
}

export interface FilterBarProps {
  bar: FilterBarState;
  /** The active filters (`activeChips`, with the screen's own operator names). */
  chips: FilterChip[];
  /** The operators the panel offers for Filter Assigned. */
  operators: Operator[];
}

/**
 * The filter panel (while open) and the active filters as removable chips. Apply closes the panel and gives the
 * focus back to the Filters button: the chips show what is active, the list gets the room back.
 */
export function FilterBar({ bar, chips, operators }: FilterBarProps) {
  const { filters, setFilters, open, setOpen, panelId, button } = bar;
  // Once opened the panel stays mounted (hidden when closed), so what was typed and not applied is kept.
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  const apply = (next: ConversationFilters) => {
    setFilters(next);
    setOpen(false);
    button.current?.focus();
  };
  return (
    <>
      <div id={panelId} hidden={!open}>
        {opened ? (
          <Suspense fallback={<Loading>Loading filters…</Loading>}>
            <FilterPanel filters={filters} operators={operators} onApply={apply} />
          </Suspense>
        ) : null}
      </div>
      {chips.length ? (
        <ul className="chips" aria-label="Active filters">
          {chips.map((chip) => (
            <Chip key={chip.key} label={chip.label} onRemove={() => setFilters((f) => withoutChip(f, chip.key))} />
          ))}
        </ul>
      ) : null}
    </>
  );
}
