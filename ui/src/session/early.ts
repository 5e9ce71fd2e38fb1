import { call, commands, PER_PAGE_MAX, type ConnectionId, type ConnectionSummary, type SearchConversations } from "../ipc";

const askPage = (connection: ConnectionId, request: SearchConversations) => call(commands.searchConversations(connection, request));
const askStored = (connection: ConnectionId, request: SearchConversations) => call(commands.storedInbox(connection, request));

/** The inbox's hash path (`#/conversations`); an empty hash opens on it too. */
export const INBOX_PATH = "conversations";

/** The inbox's first answers, asked for by the page's entry for the selected connection. */
export interface EarlyInbox {
  connection: ConnectionId;
  /** What was asked: the first page with no filter. */
  request: SearchConversations;
  page: ReturnType<typeof askPage>;
  stored: ReturnType<typeof askStored>;
}

/**
 * What the page's entry asks for before the app's code has loaded, so the answers travel while that code is
 * fetched and parsed: the connections, then (when the page opens on the inbox) the selected connection's first page
 * and its stored copy. Every failure is left to the screens to show; none is an unhandled rejection here.
 */
export interface EarlyRequests {
  connections: Promise<ConnectionSummary[]>;
  /** `null` when the page opens elsewhere, nothing is selected, or the connections failed. */
  inbox: Promise<EarlyInbox | null>;
}

/** The first page of a connection's inbox with no filter, as the inbox asks for it. */
export const firstInboxRequest = (websiteId: string): SearchConversations => ({
  website_id: websiteId,
  page: 1,
  per_page: PER_PAGE_MAX,
});

/** Sends the early requests for a page opening on `hash` (`#/<screen>[/<id>]`). */
export function sendEarlyRequests(hash: string): EarlyRequests {
  const connections = call(commands.listConnections());
  const screen = hash.replace(/^#\/?/, "").split("/")[0];
  const opensOnInbox = screen === "" || screen === INBOX_PATH;
  const inbox = connections.then(
    (listed): EarlyInbox | null => {
      const selected = listed.find((c) => c.selected);
      if (!opensOnInbox || !selected) return null;
      const request = firstInboxRequest(selected.website_id);
      const page = askPage(selected.id, request);
      const stored = askStored(selected.id, request);
      page.catch(() => undefined);
      stored.catch(() => undefined);
      return { connection: selected.id, request, page, stored };
    },
    () => null,
  );
  return { connections, inbox };
}

/**
 * A query function that answers its first call with what the entry asked for early, and asks anew after that (a
 * retry after a failure, a refetch): an early answer is used once, never repeated.
 */
export function earlyFirst<T, C>(
  early: Promise<T>,
  ask: ((context: C) => T | Promise<T>) | symbol | undefined,
): (context: C) => T | Promise<T> {
  let taken = false;
  return (context) => {
    if (!taken) {
      taken = true;
      return early;
    }
    if (typeof ask !== "function") throw new Error("the query has no function to ask again with");
    return ask(context);
  };
}
