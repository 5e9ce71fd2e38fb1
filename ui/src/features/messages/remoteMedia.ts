import { useCallback, useState } from "react";

/**
 * Which conversations the operator chose "Show images" for, kept for the window's session (sessionStorage), as
 * mail clients do: until then no image, audio or avatar from that conversation is requested, so a visitor
 * cannot learn from their server's logs when (or whether) a message was read.
 */
const KEY = "crisp-desk.show-images";

function shownScopes(): string[] {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? "[]");
    return Array.isArray(stored) ? stored.filter((s): s is string => typeof s === "string") : [];
  } catch {
    return [];
  }
}

/** Whether remote media is shown for `scope` (a connection and conversation). */
export function mediaShown(scope: string): boolean {
  return shownScopes().includes(scope);
}

/** Remembers for this session that remote media is shown for `scope`. */
export function showMedia(scope: string) {
  const scopes = shownScopes();
  if (scopes.includes(scope)) return;
  try {
    sessionStorage.setItem(KEY, JSON.stringify([...scopes, scope]));
  } catch {
    // Storage full or unavailable: the choice then lasts while this thread stays open.
  }
}

/** The "Show images" choice for one conversation: whether it is made, and how to make it. */
export function useShowMedia(scope: string): [boolean, () => void] {
  const [shown, setShown] = useState(() => ({ scope, value: mediaShown(scope) }));
  const current = shown.scope === scope ? shown.value : mediaShown(scope);
  const show = useCallback(() => {
    showMedia(scope);
    setShown({ scope, value: true });
  }, [scope]);
  return [current, show];
}
