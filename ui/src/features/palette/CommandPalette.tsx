import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { fuzzyFilter, highlight, type FuzzyMatch } from "../../components/fuzzy";
import { Highlighted } from "../../components/Highlighted";
import { useActionRegistry, useRegisteredActions, type Action } from "../../session/actions";
import { shortcutLabel } from "../../session/shortcuts";

/** Actions that open the palette or the overlay are not listed in the palette itself. */
const NOT_LISTED = new Set(["palette.open"]);

/** What the palette lists for `query`: enabled actions, the screen's before the sections, best match first. */
export function paletteEntries(actions: readonly Action[], query: string): { item: Action; match: FuzzyMatch }[] {
  const listed = actions.filter((a) => a.enabled !== false && !NOT_LISTED.has(a.id));
  const ordered = [...listed.filter((a) => a.group !== "Sections"), ...listed.filter((a) => a.group === "Sections")];
  return fuzzyFilter(ordered, query, (a) => a.title);
}

/**
 * The command palette: a modal dialog with a combobox over the list of commands (every action on screen and every
 * section), fuzzy matched with the matched letters marked. Arrow keys move, Enter runs, Escape closes; focus stays
 * in the dialog while it is open and returns where it was when it closes without running anything.
 */
export function CommandPalette({ open, onClose }: { open: boolean; onClose: () => void }) {
  const actions = useRegisteredActions();
  const registry = useActionRegistry();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const listId = useId();
  const titleId = useId();
  const entries = useMemo(() => paletteEntries(actions, query), [actions, query]);
  const current = Math.min(active, entries.length - 1);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setQuery("");
      setActive(0);
      element.showModal();
      input.current?.focus();
    } else if (!open && element.open) {
      // Dismissed (Escape): the focus goes back where it was once the modal no longer makes the page inert.
      element.close();
      const back = returnTo.current;
      (back?.isConnected ? back : document.getElementById("main"))?.focus();
    }
  }, [open]);

  // The selected option stays in view while the arrows move it.
  useEffect(() => {
    if (open && current >= 0) document.getElementById(`${listId}-${current}`)?.scrollIntoView({ block: "nearest" });
  }, [open, current, listId]);

  // Dismissing only says so: the effect closes the element. Closing it here would leave the palette marked open
  // until the dialog's `close` event a task later, and a Ctrl+K pressed in between would be lost.
  function dismiss() {
    onClose();
  }

  function choose(action: Action) {
    // Closed first, so the action can move the focus out of the no-longer-modal palette.
    dialog.current?.close();
    onClose();
    registry?.run(action.id);
    // An action that moved the focus (reply, search) keeps it; after a navigation, focus the new screen.
    requestAnimationFrame(() => {
      const focused = document.activeElement;
      if (!focused || focused === document.body) document.getElementById("main")?.focus();
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const count = entries.length;
    if (event.key === "ArrowDown" && count) {
      event.preventDefault();
      setActive((current + 1) % count);
    } else if (event.key === "ArrowUp" && count) {
      event.preventDefault();
      setActive((current - 1 + count) % count);
    } else if (event.key === "Enter") {
      event.preventDefault();
      const chosen = entries[current];
      if (chosen) choose(chosen.item);
    } else if (event.key === "Tab") {
      // The search box is the dialog's only stop: Tab stays in it.
      event.preventDefault();
    }
  }

  return (
    <dialog
      ref={dialog}
      className="dialog palette"
      aria-labelledby={titleId}
      // A late `close` event of an earlier closing must not close the palette opened again since.
      onClose={() => {
        if (!dialog.current?.open) onClose();
      }}
      onCancel={(event) => {
        event.preventDefault();
        dismiss();
      }}
    >
      <h2 id={titleId} className="sr-only">
        Command palette
      </h2>
      {open ? (
        <>
          <input
            ref={input}
            className="palette-input"
            type="text"
            role="combobox"
            aria-label="Type a command or a section"
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={current >= 0 ? `${listId}-${current}` : undefined}
            autoComplete="off"
            spellCheck={false}
            placeholder="Type a command or a section…"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
          <ul id={listId} role="listbox" aria-label="Commands" className="palette-list">
            {entries.map(({ item, match }, index) => (
              <li
                key={item.id}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === current}
                className={`palette-option${index === current ? " is-active" : ""}`}
                onMouseMove={() => setActive(index)}
                onClick={() => choose(item)}
              >
                <span className="palette-title">
                  <Highlighted parts={highlight(item.title, match.matched)} />
                </span>
                {item.group ? <span className="palette-group">{item.group}</span> : null}
                {item.shortcut ? <kbd>{shortcutLabel(item.shortcut)}</kbd> : null}
              </li>
            ))}
          </ul>
          <p className={entries.length ? "sr-only" : "palette-empty"} role="status">
            {entries.length ? `${entries.length} commands` : `No command matches “${query}”.`}
          </p>
          <p className="field-help">↑ ↓ to choose, Enter to run, Esc to close.</p>
        </>
      ) : null}
    </dialog>
  );
}
