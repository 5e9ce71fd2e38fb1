import { useSyncExternalStore } from "react";

/**
 * A tiny hash router: the location is `#/<screen>[/<id>]`. The app has a handful of screens and no server,
 * so a hash keeps reloads and Playwright deep links working without a router library.
 */
export interface Location {
  screen: string;
  id: string | null;
}

function read(): Location {
  const parts = window.location.hash.replace(/^#\/?/, "").split("/");
  return { screen: parts[0] || "", id: parts[1] ? decodeURIComponent(parts.slice(1).join("/")) : null };
}

let current = typeof window === "undefined" ? { screen: "", id: null } : read();
function subscribe(listener: () => void) {
  const onChange = () => {
    current = read();
    listener();
  };
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

/** The current screen and id, read once (outside React). */
export const currentLocation = (): Location => current;

/** The current screen and id; re-renders on navigation. */
export function useLocation(): Location {
  return useSyncExternalStore(subscribe, () => current);
}

/** Goes to a screen (and optionally an item in it). */
export function navigate(screen: string, id?: string | null) {
  window.location.hash = id ? `#/${screen}/${encodeURIComponent(id)}` : `#/${screen}`;
}
