import type { QueryClient } from "@tanstack/react-query";
import { connectionsQuery } from "../features/connections/useConnections";
import type { Location } from "../session/router";
import { earlyFirst, type EarlyRequests } from "../session/early";
import { routeOf } from "./routes";

/** The longest the first render waits for the first screen's data (a slow network shows a loading state instead). */
export const FIRST_SCREEN_WAIT_MS = 400;

/**
 * Asks for what the first screen shows before React renders it: the connections, then what the opening screen shows
 * first for the selected one (`Route.prefetch`), taking the answers the page's entry already asked for (`early`).
 * The first render then draws the shell and the screen with its data in one pass, instead of a loading screen, the
 * shell and the rows each in a frame of their own. Never throws: whatever failed is asked again, and shown failing,
 * by the screens themselves.
 */
export async function prepareFirstScreen(
  client: QueryClient,
  location: Location,
  early?: EarlyRequests,
  waitMs = FIRST_SCREEN_WAIT_MS,
): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, waitMs);
  });
  const prepared = (async () => {
    const query = connectionsQuery();
    const listed = await client.fetchQuery(early ? { ...query, queryFn: earlyFirst(early.connections, query.queryFn) } : query);
    const selected = listed.find((c) => c.selected);
    const prefetch = routeOf(location.screen).prefetch;
    if (selected && prefetch) await prefetch(client, selected, early);
  })().catch(() => undefined);
  await Promise.race([prepared, waited]);
  clearTimeout(timer);
}
