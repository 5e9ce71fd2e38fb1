import type { KeyboardEvent, MouseEvent } from "react";
import type { ListSelection } from "./useSelection";
import "./bulk.css";

/**
 * A row's checkbox, for the mouse: click selects or unselects the row, Shift+click the range from the last
 * clicked row. Hidden from assistive technology, which hears the option's own `aria-checked` instead (a control
 * inside an option would be a control inside a control); the keyboard uses `selectionKey`.
 */
export function RowCheck({ selection, index, onActivate }: { selection: ListSelection; index: number; onActivate: () => void }) {
  return (
    <span
      className="row-check"
      aria-hidden="true"
      title="Select (Shift+click: a range)"
      onMouseDown={(event) => event.shiftKey && event.preventDefault()}
      onClick={(event) => {
        event.stopPropagation();
        onActivate();
        if (event.shiftKey) selection.extend(index);
        else selection.toggle(index);
      }}
    />
  );
}

/** A click on the row itself: Shift extends the selection, Ctrl or Cmd toggles the row. True when it selected. */
export function selectionClick(event: MouseEvent, selection: ListSelection | undefined, index: number): boolean {
  if (!selection || !(event.shiftKey || event.ctrlKey || event.metaKey)) return false;
  if (event.shiftKey) selection.extend(index);
  else selection.toggle(index);
  return true;
}

/** The listbox's selection keys: Ctrl+A, Escape, and Space or x on the active row (Shift: a range). True when handled. */
export function selectionKey(e: KeyboardEvent, selection: ListSelection | undefined, active: number): boolean {
  if (!selection) return false;
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "a") {
    selection.selectAll();
    return true;
  }
  if (e.altKey || e.ctrlKey || e.metaKey) return false;
  if (e.key === "Escape" && selection.count > 0) {
    selection.clear();
    return true;
  }
  if (e.key === " " || e.key.toLowerCase() === "x") {
    if (e.shiftKey) selection.extend(active);
    else selection.toggle(active);
    return true;
  }
  return false;
}
