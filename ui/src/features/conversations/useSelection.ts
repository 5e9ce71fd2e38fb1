import { useCallback, useMemo, useState } from "react";
import {
  EMPTY_SELECTION,
  extendTo,
  isSelected,
  rowKey,
  selectAll,
  selectableCount,
  selectedRows,
  toggle,
  withinRows,
  type SelectableRow,
} from "./selection";

/**
 * The list's selection as the list and the shortcuts use it: by row index, over the rows as listed. Plain
 * callbacks, so a keyboard shortcut or a palette command can call them.
 */
export interface ListSelection {
  /** How many rows are selected. */
  count: number;
  /** How many rows could be (the listed conversations). */
  total: number;
  /** The selected rows, in list order. */
  rows: SelectableRow[];
  isSelected(index: number): boolean;
  /** Click: selects or unselects one row. */
  toggle(index: number): void;
  /** Shift+click: the range from the last clicked row. */
  extend(index: number): void;
  /** Ctrl+A: every row of the filtered list. */
  selectAll(): void;
  /** Escape: nothing selected. */
  clear(): void;
  /** Exactly these rows selected (after a bulk action: what it did not change). */
  selectOnly(rows: readonly SelectableRow[]): void;
}

/** A selection over `rows`; rows that leave the list (a refresh, other filters) leave the selection. */
export function useSelection(rows: readonly SelectableRow[]): ListSelection {
  const [raw, setRaw] = useState(EMPTY_SELECTION);
  const selection = useMemo(() => withinRows(raw, rows), [raw, rows]);
  const chosen = useMemo(() => selectedRows(selection, rows), [selection, rows]);
  const total = useMemo(() => selectableCount(rows), [rows]);
  const onIndex = useCallback(
    (index: number) => {
      const row = rows[index];
      return row ? isSelected(selection, row) : false;
    },
    [rows, selection],
  );
  const toggleRow = useCallback((index: number) => setRaw((s) => toggle(withinRows(s, rows), rows, index)), [rows]);
  const extend = useCallback((index: number) => setRaw((s) => extendTo(withinRows(s, rows), rows, index)), [rows]);
  const all = useCallback(() => setRaw(selectAll(rows)), [rows]);
  const clear = useCallback(() => setRaw(EMPTY_SELECTION), []);
  const selectOnly = useCallback(
    (only: readonly SelectableRow[]) => setRaw({ keys: new Set(only.map(rowKey)), anchor: null }),
    [],
  );
  return useMemo(
    () => ({
      count: chosen.length,
      total,
      rows: chosen,
      isSelected: onIndex,
      toggle: toggleRow,
      extend,
      selectAll: all,
      clear,
      selectOnly,
    }),
    [chosen, total, onIndex, toggleRow, extend, all, clear, selectOnly],
  );
}
