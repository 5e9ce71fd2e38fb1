/**
 * Keyboard shortcuts: how a key press is named, when a one-key shortcut may fire, and the documented list the `?`
 * overlay shows. Actions (`session/actions.tsx`) carry a shortcut by its name: a single key (`e`, `/`, `?`) or
 * `Mod+<key>` (Ctrl, or ⌘ on a Mac).
 */

/** A documented shortcut: its key name, what it does, and the action id that does it (absent for built-in keys). */
export interface ShortcutDoc {
  shortcut: string;
  title: string;
  /** The id an action registers to take this shortcut (`useAction({ id, shortcut })`). */
  action?: string;
}

/**
 * Every documented shortcut, in the order the overlay lists them. A screen takes one by registering an action with
 * the `action` id and the `shortcut`; the overlay says which ones work on the current screen.
 */
export const SHORTCUTS: readonly ShortcutDoc[] = [
  { shortcut: "Mod+K", title: "Open the command palette", action: "palette.open" },
  { shortcut: "?", title: "Show keyboard shortcuts", action: "shortcuts.show" },
  { shortcut: "/", title: "Search on this screen", action: "screen.search" },
  { shortcut: "e", title: "Resolve or unresolve the open conversation", action: "conversation.state" },
  { shortcut: "r", title: "Reply: focus the composer", action: "conversation.reply" },
  { shortcut: "a", title: "Assign the open conversation", action: "conversation.assign" },
  { shortcut: "x", title: "Select the focused conversation in the list", action: "conversations.select" },
  { shortcut: "j / k", title: "Next / previous conversation in the list" },
  { shortcut: "Enter", title: "Open the focused conversation, run the chosen command" },
  { shortcut: "!", title: "In the reply box: insert a canned reply" },
  { shortcut: "Esc", title: "Close the palette, a pop-up or a dialog" },
];

/** Whether the app runs on a Mac, where `Mod` is ⌘. */
export function isMac(): boolean {
  return typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

/** A shortcut's name as people read it on this system: `Mod+K` is `Ctrl+K`, or `⌘K` on a Mac. */
export function shortcutLabel(shortcut: string, mac = isMac()): string {
  return shortcut.startsWith("Mod+") ? (mac ? `⌘${shortcut.slice(4)}` : `Ctrl+${shortcut.slice(4)}`) : shortcut;
}

/** What a key press is, as a shortcut name: `Mod+K` with Ctrl or ⌘, the key itself without; null for other chords. */
export function shortcutOf(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey">): string | null {
  if (event.altKey || !event.key) return null;
  if (event.ctrlKey || event.metaKey) return event.key.length === 1 ? `Mod+${event.key.toUpperCase()}` : null;
  return event.key.length === 1 ? event.key : null;
}

const NOT_TYPED = new Set(["button", "checkbox", "radio", "submit", "reset", "range", "color", "file", "image"]);

/** Whether key presses on `target` type text (an input, a textarea, a select, something editable). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== "function") return false;
  const element = target as HTMLElement;
  if (element.isContentEditable || element.closest("[contenteditable]:not([contenteditable='false'])")) return true;
  const tag = element.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") return !NOT_TYPED.has(((element as HTMLInputElement).type || "text").toLowerCase());
  return false;
}

/**
 * Whether the key press may run the shortcut `name`: a one-key shortcut never fires while typing, inside a dialog,
 * or after something else handled the key; a `Mod+` one fires anywhere outside a dialog.
 */
export function mayFire(
  name: string,
  event: Pick<KeyboardEvent, "target" | "defaultPrevented" | "isComposing">,
  dialogOpen: boolean,
): boolean {
  if (event.defaultPrevented || event.isComposing || dialogOpen) return false;
  return name.startsWith("Mod+") || !isTypingTarget(event.target);
}
