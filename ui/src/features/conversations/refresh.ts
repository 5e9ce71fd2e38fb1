import type { Conversation } from "../../ipc";

/**
 * Refreshing a long conversation list without asking Crisp for every loaded page again.
 *
 * A refresh (the monitor's events, a mutation, window focus) reads the list again from page 1. Conversations
 * that changed move to the top of Crisp's order and new ones start there, so the pages further down are usually
 * as loaded. A refreshed page therefore joins the loaded list as soon as its last conversation is one loaded
 * before, unchanged, no later than the page it replaces: every loaded conversation after it is still where it
 * was, and the pages after it are kept as loaded instead of being fetched again.
 */

/** The session ID of a listed item, or `undefined` for an item that is not a conversation object. */
function sessionOf(item: Conversation | unknown): string | undefined {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return undefined;
  const id = (item as Conversation).session_id;
  return typeof id === "string" ? id : undefined;
}

/**
 * Page `index` of a refresh, joined to the `loaded` pages: the `fresh` page followed by what was loaded after its
 * last conversation up to the end of the loaded page `index`; the loaded pages after `index` then stand as they
 * are. `null` when it does not join: the fresh page is short (the list ends there), its last conversation was not
 * loaded up to that page (new ones fill the page, or some were removed) or it changed since (it may have moved).
 */
export function joinRefreshedPage(
  fresh: Conversation[],
  loaded: readonly Conversation[][],
  index: number,
  perPage: number,
): Conversation[] | null {
  if (fresh.length < perPage || index >= loaded.length) return null;
  const last = fresh[fresh.length - 1];
  const id = sessionOf(last);
  if (id === undefined) return null;
  for (let page = 0; page <= index; page++) {
    const at = loaded[page].findIndex((item) => sessionOf(item) === id);
    if (at < 0) continue;
    if (loaded[page][at].updated_at !== last.updated_at) return null;
    return [...fresh, ...loaded[page].slice(at + 1), ...loaded.slice(page + 1, index + 1).flat()];
  }
  return null;
}

/**
 * The listed conversations in order, each session once (its first, freshest, place): a refresh or a page fetched
 * after new conversations arrived can list one twice. Items that are not conversations are all kept.
 */
export function distinctConversations(pages: readonly Conversation[][] | undefined): Conversation[] {
  return distinctConversationsOf()(pages);
}

/**
 * `distinctConversations` with a memory of its last answer, for a list read again with every page loaded: when
 * `pages` are the last call's pages (the same arrays) with more after them, only the added pages are read and the
 * last answer is extended; anything else (a refresh, a live change, other filters) reads every page again.
 */
export function distinctConversationsOf(): (pages: readonly Conversation[][] | undefined) => Conversation[] {
  let read: readonly Conversation[][] = [];
  let seen = new Set<string>();
  let all: Conversation[] = [];
  return (pages) => {
    if (!pages) pages = [];
    const grows = pages.length >= read.length && read.every((page, i) => pages[i] === page);
    if (!grows) {
      read = [];
      seen = new Set();
      all = [];
    }
    const added: Conversation[] = [];
    for (let p = read.length; p < pages.length; p++) {
      for (const item of pages[p]) {
        const id = sessionOf(item);
        if (id !== undefined) {
          if (seen.has(id)) continue;
          seen.add(id);
        }
        added.push(item);
      }
    }
    // A new array whenever the rows changed: an answer already given never changes under whoever holds it.
    if (added.length > 0) all = all.concat(added);
    read = pages.slice();
    return all;
  };
}
