import { useMemo, useState } from "react";
import { useActions, type Action } from "../../session/actions";
import { navigate } from "../../session/router";
import { CommandPalette } from "./CommandPalette";
import { ShortcutsOverlay } from "./ShortcutsOverlay";
import "./palette.css";

/** A section of the app, as the shell's nav lists it. */
export interface Section {
  path: string;
  label: string;
}

/**
 * Focuses the current screen's search box: a search input in the main area, else a field labelled "Search…".
 * Screens whose search hides (the inbox's filters) register their own `screen.search` instead.
 */
export function focusScreenSearch(root: ParentNode | null = document.getElementById("main")): boolean {
  if (!root) return false;
  const fields = Array.from(root.querySelectorAll<HTMLInputElement>("input:not([type=hidden])"));
  const visible = fields.filter((f) => f.getClientRects().length > 0 && !f.disabled);
  const target =
    visible.find((f) => f.type === "search") ??
    visible.find((f) => Array.from(f.labels ?? []).some((label) => /search/i.test(label.textContent ?? "")));
  target?.focus();
  return Boolean(target);
}

/**
 * The command palette and the shortcuts overlay, with the app-wide actions: Ctrl+K / ⌘K opens the palette, `?`
 * the overlay, `/` searches the screen, and one "Go to" action per section.
 */
export function PaletteHost({ sections }: { sections: readonly Section[] }) {
  const [palette, setPalette] = useState(false);
  const [overlay, setOverlay] = useState(false);
  const actions = useMemo<Action[]>(
    () => [
      { id: "palette.open", title: "Open the command palette", group: "Help", shortcut: "Mod+K", run: () => setPalette(true) },
      { id: "shortcuts.show", title: "Show keyboard shortcuts", group: "Help", shortcut: "?", run: () => setOverlay(true) },
      { id: "screen.search", title: "Search on this screen", group: "Screen", shortcut: "/", fallback: true, run: () => focusScreenSearch() },
      ...sections.map((s) => ({ id: `section.${s.path}`, title: `Go to ${s.label}`, group: "Sections", run: () => navigate(s.path) })),
    ],
    [sections],
  );
  useActions(actions);
  return (
    <>
      <CommandPalette open={palette} onClose={() => setPalette(false)} />
      <ShortcutsOverlay open={overlay} onClose={() => setOverlay(false)} />
    </>
  );
}
