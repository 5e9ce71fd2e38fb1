import { createContext, useContext, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { mayFire, shortcutOf } from "./shortcuts";

/**
 * The action registry: what the command palette lists and what shortcuts run. The shell provides it; screens
 * register what they can do while they are on screen (`useAction`), and their actions leave when they unmount.
 *
 *   useAction({ id: "conversation.state", title: "Resolve the conversation", shortcut: "e", run: resolve });
 *
 * Ids name the thing acted on and the verb (`conversation.reply`); a documented shortcut (`SHORTCUTS` in
 * `shortcuts.ts`) names the id that takes it, so a screen takes `a` by registering `conversation.assign`.
 */
export interface Action {
  /** Stable id: `<thing>.<verb>`; one registered action per id is listed (the latest). */
  id: string;
  /** What it does, as the palette lists it ("Resolve the conversation"). */
  title: string;
  /** Where it belongs ("Conversation", "Sections"); the palette shows it beside the title. */
  group?: string;
  /** A key that runs it: one key (`e`, `/`) or `Mod+K` (Ctrl or ⌘). One-key shortcuts never fire while typing. */
  shortcut?: string;
  /** Does it. */
  run: () => void;
  /** False while it cannot run (a request in flight): left out of the palette and ignored by its shortcut. */
  enabled?: boolean;
  /** A screen-wide default (the shell's search): its shortcut only runs when no other action takes that key. */
  fallback?: boolean;
}

/** The registered actions, by registration, in the order they came. */
export class ActionRegistry {
  private entries = new Map<symbol, Action>();
  private listeners = new Set<() => void>();
  private snapshot: Action[] = [];

  /** Adds or updates a registration; listeners hear of it only when something they show changed. */
  set(token: symbol, action: Action) {
    const before = this.entries.get(token);
    this.entries.set(token, action);
    const same =
      before &&
      before.id === action.id &&
      before.title === action.title &&
      before.group === action.group &&
      before.shortcut === action.shortcut &&
      before.enabled === action.enabled &&
      before.fallback === action.fallback;
    if (!same) this.changed();
    else {
      // Only `run` changed: swapped in place, so the palette's list stays as it is and runs the newest `run`.
      const index = this.snapshot.indexOf(before);
      if (index >= 0) this.snapshot[index] = action;
    }
  }

  /** Removes a registration. */
  remove(token: symbol) {
    if (this.entries.delete(token)) this.changed();
  }

  /** Every action once (the latest registration of each id), enabled or not, in registration order. */
  list(): Action[] {
    return this.snapshot;
  }

  /** Runs the latest registration of `id` when it is enabled; answers whether it ran. */
  run(id: string): boolean {
    const action = this.snapshot.find((a) => a.id === id);
    if (!action || action.enabled === false) return false;
    action.run();
    return true;
  }

  /** The enabled action a shortcut runs: the latest one taking it, a fallback only when no other does. */
  forShortcut(shortcut: string): Action | undefined {
    const taking = this.snapshot.filter((a) => a.shortcut === shortcut && a.enabled !== false);
    return taking.filter((a) => !a.fallback).pop() ?? taking.pop();
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private changed() {
    const byId = new Map<string, Action>();
    for (const action of this.entries.values()) {
      // A screen's own action wins over a fallback of the same id, whichever registered first.
      const existing = byId.get(action.id);
      if (action.fallback && existing && !existing.fallback) continue;
      byId.delete(action.id);
      byId.set(action.id, action);
    }
    this.snapshot = [...byId.values()];
    for (const listener of this.listeners) listener();
  }
}

const ActionsContext = createContext<ActionRegistry | null>(null);

/**
 * Provides the registry and runs shortcuts: a key press whose shortcut an enabled action takes runs it, unless
 * `mayFire` says no (typing in a field, a dialog open, or the key already handled on the way up).
 */
export function ActionsProvider({ children }: { children: ReactNode }) {
  const [registry] = useState(() => new ActionRegistry());
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const name = shortcutOf(event);
      const action = name ? registry.forShortcut(name) : undefined;
      if (!name || !action) return;
      if (!mayFire(name, event, document.querySelector("dialog[open]") !== null)) return;
      event.preventDefault();
      action.run();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [registry]);
  return <ActionsContext.Provider value={registry}>{children}</ActionsContext.Provider>;
}

/** Registers `actions` while the calling component is mounted; changes (title, `run`, ...) apply at each render. */
export function useActions(actions: readonly Action[]) {
  const registry = useContext(ActionsContext);
  const tokens = useRef<symbol[]>([]);
  useLayoutEffect(() => {
    if (!registry) return;
    actions.forEach((action, i) => {
      tokens.current[i] ??= Symbol(action.id);
      registry.set(tokens.current[i], action);
    });
    for (const token of tokens.current.slice(actions.length)) registry.remove(token);
    tokens.current.length = actions.length;
  });
  useLayoutEffect(
    () => () => {
      for (const token of tokens.current) registry?.remove(token);
      tokens.current = [];
    },
    [registry],
  );
}

/** Registers one action while the calling component is mounted. */
export function useAction(action: Action) {
  useActions([action]);
}

/** The registry (null outside the shell), to run an action by id with its newest `run`. */
export function useActionRegistry(): ActionRegistry | null {
  return useContext(ActionsContext);
}

/** Every registered action, re-rendering when they change (the palette and the shortcuts overlay). */
export function useRegisteredActions(): Action[] {
  const registry = useContext(ActionsContext);
  return useSyncExternalStore(registry?.subscribe ?? noSubscription, () => registry?.list() ?? NONE);
}

const NONE: Action[] = [];
const noSubscription = () => () => undefined;
