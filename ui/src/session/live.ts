import { useQuery, type InfiniteData, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { isObject, known } from "../components/lenient";
import {
  call,
  commands,
  PER_PAGE_MAX,
  queryKeys,
  type ConnectionId,
  type Conversation,
  type HistoryPage,
  type LiveChange,
  type Message,
  type MonitorStatus,
  type PeopleProfile_Deserialize,
  type Unread_Deserialize,
} from "../ipc";

/**
 * While a connection's monitor is live on Crisp's real-time socket, the window keeps what it shows current from
 * the socket's changes (`live-event`) instead of polling: each change is written into the TanStack Query cache
 * exactly where it belongs (one thread, one row, one profile). A loaded list is never read again as a whole; only
 * what cannot be placed exactly (a conversation the list has not loaded, a new profile) costs a small request.
 */

/** Whether `connection`'s monitor is live on the socket (then nothing polls: not the monitor, not the thread). */
export function isLive(status: MonitorStatus | null | undefined): boolean {
  return status?.transport === "live";
}

/** Whether `connection`'s monitor is live now, as its last status said; follows the status as it changes. */
export function useIsLive(connection: ConnectionId): boolean {
  const status = useQuery({
    queryKey: queryKeys.monitor.status(connection),
    queryFn: () => call(commands.monitorStatus(connection)),
    // The shell's footer reads and refreshes the status; this only follows it.
    enabled: false,
  });
  return isLive(status.data);
}

/** Whether the visitor is typing in a conversation, as the socket last said. */
export interface Composing {
  typing: boolean;
  /** What has been typed so far, when the visitor's widget shares it. */
  excerpt: string | null;
  /** When the socket said so, ms: "typing" with no news for TYPING_TIMEOUT_MS has ended. */
  at: number;
}

/** How long "is typing…" lasts without a new compose event (Crisp repeats it while the visitor types). */
export const TYPING_TIMEOUT_MS = 10_000;

/** Whether `composing` still means "typing" at `now`. */
export function isTyping(composing: Composing | null | undefined, now: number): boolean {
  return composing != null && composing.typing && now - composing.at < TYPING_TIMEOUT_MS;
}

export type Thread = InfiniteData<HistoryPage, unknown>;
export type ConversationPages = InfiniteData<Conversation[], unknown>;
type ProfilePages = InfiniteData<PeopleProfile_Deserialize[], unknown>;

function fingerprintOf(message: Message): number | null {
  return isObject(message) ? (message.fingerprint ?? null) : null;
}

/** `page` with `edit` applied to each message; the same object when nothing changed. */
function mapPage(page: HistoryPage, edit: (message: Message) => Message | null): HistoryPage {
  let changed = false;
  const messages: Message[] = [];
  for (const message of page.messages) {
    const next = edit(message);
    if (next !== message) changed = true;
    if (next !== null) messages.push(next);
  }
  return changed ? { ...page, messages } : page;
}

/** `thread` with `edit` applied to every page; the same object when nothing changed. */
function mapThread(thread: Thread, edit: (message: Message) => Message | null): Thread {
  const pages = thread.pages.map((page) => mapPage(page, edit));
  return pages.every((page, i) => page === thread.pages[i]) ? thread : { ...thread, pages };
}

/** A thread with `message` added to its newest page, or put in place of the copy it already holds (same fingerprint). */
export function threadWithMessage(thread: Thread, message: Message): Thread {
  const fingerprint = fingerprintOf(message);
  if (fingerprint != null && thread.pages.some((page) => page.messages.some((m) => fingerprintOf(m) === fingerprint))) {
    return mapThread(thread, (m) => (fingerprintOf(m) === fingerprint ? message : m));
  }
  if (thread.pages.length === 0) return thread;
  const [newest, ...older] = thread.pages;
  return { ...thread, pages: [{ ...newest, messages: [...newest.messages, message] }, ...older] };
}

/** A page with `message` in it (the open thread's newest batch, as polled). */
export function pageWithMessage(page: HistoryPage, message: Message): HistoryPage {
  const fingerprint = fingerprintOf(message);
  if (fingerprint != null && page.messages.some((m) => fingerprintOf(m) === fingerprint)) {
    return mapPage(page, (m) => (fingerprintOf(m) === fingerprint ? message : m));
  }
  return { ...page, messages: [...page.messages, message] };
}

/** The edit of one message: its new content, marked edited. */
function edited(fingerprint: number, content: unknown): (message: Message) => Message {
  return (message) =>
    fingerprintOf(message) === fingerprint && content !== undefined && content !== null
      ? { ...message, content: content as Message["content"], edited: true }
      : message;
}

/** Without the message `fingerprint`. */
function removed(fingerprint: number): (message: Message) => Message | null {
  return (message) => (fingerprintOf(message) === fingerprint ? null : message);
}

/**
 * Read receipts: the other side's messages named in `fingerprints` (all of them when empty) are read on
 * `origin`'s channel. `by` is who read: `user` (the visitor) reads operators' messages and the other way round.
 */
function read(by: string, fingerprints: number[], origin = "chat"): (message: Message) => Message {
  const side = by === "user" ? "operator" : "user";
  return (message) => {
    if (!isObject(message) || message.from !== side || message.read) return message;
    const fingerprint = message.fingerprint ?? null;
    if (fingerprints.length > 0 && (fingerprint == null || !fingerprints.includes(fingerprint))) return message;
    return { ...message, read: origin };
  };
}

/** The thread after one socket change about its messages (additions excepted: see `threadWithMessage`). */
export function threadAfter(thread: Thread, change: LiveChange): Thread {
  switch (change.kind) {
    case "message_updated":
      return change.fingerprint == null ? thread : mapThread(thread, edited(change.fingerprint, change.content));
    case "message_removed":
      return change.fingerprint == null ? thread : mapThread(thread, removed(change.fingerprint));
    case "messages_read":
      return mapThread(thread, read(change.by, change.fingerprints.filter((f): f is number => f != null)));
    default:
      return thread;
  }
}

/** The same for a single page (the open thread's polled newest batch). */
export function pageAfter(page: HistoryPage, change: LiveChange): HistoryPage {
  const thread = threadAfter({ pages: [page], pageParams: [null] }, change);
  return thread.pages[0];
}

/** Longest excerpt, in characters (as the monitor cuts them). */
const EXCERPT_CHARS = 140;

/** A short, one-line text of a message, as the list shows it. */
export function messageExcerpt(message: Message): string {
  const content: unknown = isObject(message) ? message.content : null;
  let text: string;
  if (typeof content === "string") text = content;
  else if (isObject(content) && typeof content.text === "string") text = content.text;
  else if (isObject(content) && typeof content.name === "string") text = `[file] ${content.name}`;
  else text = "[message]";
  const line = text.split(/\s+/).filter(Boolean).join(" ");
  return [...line].length <= EXCERPT_CHARS ? line : `${[...line].slice(0, EXCERPT_CHARS - 1).join("")}…`;
}

/** A conversation after `message` joined it: excerpt, preview, update time, and one more unread for a visitor's. */
export function conversationWithMessage(conversation: Conversation, message: Message): Conversation {
  if (!isObject(message)) return conversation;
  const preview = isObject(conversation.preview_message) ? conversation.preview_message : null;
  if (message.fingerprint != null && preview?.fingerprint === message.fingerprint) return conversation;
  const unread = known<Unread_Deserialize>(conversation.unread) ?? {};
  const fromVisitor = message.from === "user";
  return {
    ...conversation,
    last_message: messageExcerpt(message),
    preview_message: {
      type: message.type ?? null,
      from: message.from ?? null,
      excerpt: messageExcerpt(message),
      fingerprint: message.fingerprint ?? null,
    },
    updated_at: Math.max(conversation.updated_at ?? 0, message.timestamp ?? Date.now()),
    unread: fromVisitor ? { ...unread, operator: (unread.operator ?? 0) + 1 } : conversation.unread,
  };
}

/** Fields of a `session:*` change that can be written exactly, by change. */
const META_CHANGES: Record<string, string> = {
  set_nickname: "nickname",
  set_email: "email",
  set_phone: "phone",
  set_segments: "segments",
  set_data: "data",
};

/**
 * A conversation after a `session:<change>`, or `null` when the change cannot be written exactly (its payload
 * lacks the field, or the change is one the list does not show).
 */
export function conversationAfterChange(conversation: Conversation, change: string, data: unknown): Conversation | null {
  if (!isObject(data)) return null;
  if (change === "set_state" && typeof data.state === "string") return { ...conversation, state: data.state };
  if (change === "update_availability" && typeof data.availability === "string") {
    return { ...conversation, availability: data.availability };
  }
  if (change === "set_block" && typeof data.is_blocked === "boolean") return { ...conversation, is_blocked: data.is_blocked };
  if (change === "set_routing" && isObject(data.assigned)) {
    return { ...conversation, assigned: data.assigned as Conversation["assigned"] };
  }
  const field = META_CHANGES[change];
  if (field && field in data) {
    const meta = isObject(conversation.meta) ? conversation.meta : {};
    return { ...conversation, meta: { ...meta, [field]: data[field] } as Conversation["meta"] };
  }
  return null;
}

/** Where a session sits in a list: page and index, or `null`. */
function find(list: ConversationPages, sessionId: string): [number, number] | null {
  for (let p = 0; p < list.pages.length; p++) {
    const i = list.pages[p].findIndex((c) => isObject(c) && c.session_id === sessionId);
    if (i >= 0) return [p, i];
  }
  return null;
}

/** Whether the list holds `sessionId`. */
export function listHas(list: ConversationPages, sessionId: string): boolean {
  return find(list, sessionId) != null;
}

/** The list with `sessionId`'s row replaced by `edit(row)`; the same object when it is not there or unchanged. */
export function listPatched(list: ConversationPages, sessionId: string, edit: (row: Conversation) => Conversation | null): ConversationPages {
  const at = find(list, sessionId);
  if (!at) return list;
  const [p, i] = at;
  const next = edit(list.pages[p][i]);
  if (next === null || next === list.pages[p][i]) return list;
  const pages = list.pages.map((page, n) => (n === p ? page.map((row, m) => (m === i ? next : row)) : page));
  return { ...list, pages };
}

/** The list without `sessionId`'s row. */
export function listWithout(list: ConversationPages, sessionId: string): ConversationPages {
  const at = find(list, sessionId);
  if (!at) return list;
  const [p, i] = at;
  return { ...list, pages: list.pages.map((page, n) => (n === p ? page.filter((_, m) => m !== i) : page)) };
}

/**
 * The list with `conversation` first (it just changed, and the list is newest first): moved from where it was,
 * or, when new to the list, added on top while the last loaded row of a full last page leaves (it comes back with
 * the next page). The rows flow down across page boundaries and every loaded page keeps its length, as Crisp's
 * pages would after the change: a last page left shorter than a page would read as the end of the list.
 */
export function listWithFirst(list: ConversationPages, conversation: Conversation, perPage: number): ConversationPages {
  if (list.pages.length === 0 || !conversation.session_id) return list;
  const at = find(list, conversation.session_id);
  // The pages the change reaches: down to the one the row leaves, or every page for a new row.
  const reached = at ? at[0] + 1 : list.pages.length;
  const head = list.pages.slice(0, reached);
  const lengths = head.map((page) => page.length);
  let rows = head.flat();
  if (at) {
    rows = rows.filter((row) => row.session_id !== conversation.session_id);
  } else if (lengths[lengths.length - 1] < perPage) {
    // The list is loaded to its end: its last page takes the new row.
    lengths[lengths.length - 1] += 1;
  }
  rows = [conversation, ...rows];
  let start = 0;
  const flowed = lengths.map((length) => rows.slice(start, (start += length)));
  return { ...list, pages: [...flowed, ...list.pages.slice(reached)] };
}

/**
 * The list after `message` joined `sessionId`: its row updated and moved first (unless the list is ordered by
 * creation), or `null` when the list does not hold the conversation.
 */
export function listWithMessage(list: ConversationPages, sessionId: string, message: Message, filters: unknown): ConversationPages | null {
  const at = find(list, sessionId);
  if (!at) return null;
  const row = conversationWithMessage(list.pages[at[0]][at[1]], message);
  if (row === list.pages[at[0]][at[1]]) return list;
  return orderedByCreation(filters) ? listPatched(list, sessionId, () => row) : listWithFirst(list, row, perPageOf(filters));
}

function orderedByCreation(filters: unknown): boolean {
  return isObject(filters) && filters.order_date_created === true;
}

/** Crisp's page size for a list's filters (Per Page, or the most). */
export function perPageOf(filters: unknown): number {
  const asked = isObject(filters) ? Number(filters.per_page) : NaN;
  return Number.isInteger(asked) && asked > 0 ? asked : PER_PAGE_MAX;
}

/**
 * Whether a list shows every conversation (no search, no filter, no limit), so a conversation it has not loaded
 * belongs on top of it when it changes. A filtered list keeps its rows current but gets no new ones: whether a
 * conversation matches is Crisp's to say.
 */
export function isPlainList(filters: unknown): boolean {
  if (!isObject(filters)) return false;
  const free = new Set(["search_operator", "per_page", "order_date_updated", "include_empty"]);
  return Object.entries(filters).every(([key, value]) => free.has(key) || value === "" || value === false || value == null);
}

/** The profile after a `people:profile:updated` payload: its fields over the old ones. */
export function profileWith(profile: PeopleProfile_Deserialize, data: unknown): PeopleProfile_Deserialize {
  if (!isObject(data)) return profile;
  const { website_id: _website, session_id: _session, ...fields } = data;
  return { ...profile, ...(fields as Partial<PeopleProfile_Deserialize>) };
}

/** The people lists with `edit` applied to the row of `peopleId` (`null` removes it). */
export function profilesPatched(
  list: ProfilePages,
  peopleId: string,
  edit: (row: PeopleProfile_Deserialize) => PeopleProfile_Deserialize | null,
): ProfilePages {
  let changed = false;
  const pages = list.pages.map((page) => {
    if (!page.some((row) => isObject(row) && row.people_id === peopleId)) return page;
    changed = true;
    return page.flatMap((row) => {
      if (!isObject(row) || row.people_id !== peopleId) return [row];
      const next = edit(row);
      return next === null ? [] : [next];
    });
  });
  return changed ? { ...list, pages } : list;
}

/** A conversation with nothing unread for operators. */
function readByOperators(conversation: Conversation): Conversation {
  const unread = known<Unread_Deserialize>(conversation.unread);
  return unread && (unread.operator ?? 0) > 0 ? { ...conversation, unread: { ...unread, operator: 0 } } : conversation;
}

/** Lists whose next page is on its way and was written meanwhile: the page then joins the list as written. */
const joining = new WeakSet<object>();

/**
 * Writes `update` into the paged list (conversations, people) under `key` when it changes the list. When a next page
 * is on its way to that list, the page joins the list as written once it lands: TanStack Query joins a fetched page
 * to the pages the list had when the fetch began, so a change written meanwhile would be lost (a conversation put on
 * top would vanish, a moved one go back, an edited profile show its old details). Crisp answered the page in its
 * order after the change, which is the order the written list already shows.
 */
function writeList<Pages extends InfiniteData<unknown[], unknown>>(client: QueryClient, key: QueryKey, update: (list: Pages) => Pages): void {
  const list = client.getQueryData<Pages>(key);
  const next = list && update(list);
  if (!next || next === list) return;
  client.setQueryData(key, next);
  const cache = client.getQueryCache();
  const query = cache.find<Pages>({ queryKey: key, exact: true });
  const nextPageOnItsWay = () => query?.state.fetchStatus === "fetching" && query.state.fetchMeta?.fetchMore?.direction === "forward";
  if (!query || !nextPageOnItsWay() || joining.has(query)) return;
  joining.add(query);
  let written = next;
  const stop = cache.subscribe((event) => {
    if (event.query !== query) return;
    if (nextPageOnItsWay()) {
      if (query.state.data) written = query.state.data;
      return;
    }
    stop();
    joining.delete(query);
    const landed = query.state.data;
    if (!landed || landed === written || landed.pages.length !== written.pages.length + 1) return;
    const joined: InfiniteData<unknown[], unknown> = {
      pages: [...written.pages, landed.pages[landed.pages.length - 1]],
      pageParams: [...written.pageParams, landed.pageParams[landed.pageParams.length - 1]],
    };
    client.setQueryData(key, joined);
  });
}

/**
 * Operators have read `sessionId` (a teammate, or this window marking it read): its unread count clears in the
 * conversation and in every list holding it, without reading either again.
 */
export function markedReadInCache(client: QueryClient, connection: ConnectionId, sessionId: string): void {
  client.setQueryData<Conversation>(queryKeys.conversations.one(connection, sessionId), (c) => (c ? readByOperators(c) : c));
  for (const [key] of client.getQueriesData<ConversationPages>({ queryKey: conversationLists(connection) })) {
    writeList<ConversationPages>(client, key, (list) => listPatched(list, sessionId, readByOperators));
  }
}

/** What the window asks Crisp for when a change cannot be placed exactly: one conversation. */
export type FetchConversation = (connection: ConnectionId, sessionId: string) => Promise<Conversation>;

/** The default: `get_conversation` through the connection's client. */
export const fetchConversation = (websiteOf: (connection: ConnectionId) => string | null): FetchConversation =>
  async (connection, sessionId) => {
    const website_id = websiteOf(connection);
    if (!website_id) throw new Error("unknown connection");
    return call(commands.getConversation(connection, { website_id, session_id: sessionId }));
  };

const conversationLists = (connection: ConnectionId): QueryKey => [...queryKeys.conversations.all(connection), "search"];
const threads = (connection: ConnectionId, sessionId: string): QueryKey => [...queryKeys.messages.list(connection, sessionId), "thread"];
const polledPage = (connection: ConnectionId, sessionId: string): QueryKey => [...queryKeys.messages.list(connection, sessionId), "live"];
const peopleLists = (connection: ConnectionId): QueryKey => [...queryKeys.people.all(connection), "list"];
const profile = (connection: ConnectionId, peopleId: string): QueryKey => [...queryKeys.people.all(connection), "profile", peopleId];
const visitorCounts = (connection: ConnectionId): QueryKey => [...queryKeys.visitors.all(connection), "count"];
const visitorLists = (connection: ConnectionId): QueryKey => [...queryKeys.visitors.all(connection), "list"];

/** Conversations being fetched because a change named one no loaded list holds, by connection and session. */
const fetching = new Map<string, Promise<void>>();

/**
 * Puts a conversation the plain lists have not loaded on top of them, fetched once however many changes name it
 * meanwhile. `includeEmpty`: only into lists showing empty conversations (a conversation just opened has no
 * message yet).
 */
function addToPlainLists(client: QueryClient, connection: ConnectionId, sessionId: string, fetch: FetchConversation, includeEmpty: boolean) {
  const wanting = client
    .getQueriesData<ConversationPages>({ queryKey: conversationLists(connection) })
    .filter(([key, list]) => list && isPlainList(key[3]) && (!includeEmpty || (isObject(key[3]) && key[3].include_empty === true)) && !listHas(list, sessionId));
  if (wanting.length === 0) return;
  const id = `${connection}\u0000${sessionId}`;
  if (fetching.has(id)) return;
  const done = fetch(connection, sessionId)
    .then((conversation) => {
      client.setQueryData(queryKeys.conversations.one(connection, sessionId), conversation);
      for (const [key] of wanting) {
        writeList<ConversationPages>(client, key, (list) => listWithFirst(list, conversation, perPageOf(key[3])));
      }
    })
    .catch(() => undefined)
    .finally(() => fetching.delete(id));
  fetching.set(id, done);
}

/**
 * Writes one socket change into the cache: the open thread, the conversation lists and the conversation itself,
 * the typing indicator, people and the visitors count. Only a conversation no plain list holds is fetched (once);
 * a new profile makes a list read again only when it has a single page loaded (others are read again when next
 * shown).
 */
export function applyLiveChange(client: QueryClient, connection: ConnectionId, change: LiveChange, fetch: FetchConversation): void {
  switch (change.kind) {
    case "message_added": {
      const { session_id: sessionId, message } = change;
      client.setQueryData<Thread>(queryKeys.messages.thread(connection, sessionId, null, null), (thread) =>
        thread ? threadWithMessage(thread, message) : thread,
      );
      client.setQueryData<HistoryPage>(polledPage(connection, sessionId), (page) => (page ? pageWithMessage(page, message) : page));
      client.setQueryData<Conversation>(queryKeys.conversations.one(connection, sessionId), (c) => (c ? conversationWithMessage(c, message) : c));
      let missing = false;
      for (const [key, list] of client.getQueriesData<ConversationPages>({ queryKey: conversationLists(connection) })) {
        if (!list) continue;
        const next = listWithMessage(list, sessionId, message, key[3]);
        if (next === null) missing ||= isPlainList(key[3]);
        // Read once: the list written is the one just read, unless a page lands on it meanwhile.
        else writeList<ConversationPages>(client, key, (l) => (l === list ? next : (listWithMessage(l, sessionId, message, key[3]) ?? l)));
      }
      if (missing) addToPlainLists(client, connection, sessionId, fetch, false);
      if (isObject(message) && message.from === "user") {
        client.setQueryData<Composing>(queryKeys.messages.composing(connection, sessionId), { typing: false, excerpt: null, at: Date.now() });
      }
      return;
    }
    case "message_updated":
    case "message_removed":
    case "messages_read": {
      const sessionId = change.session_id;
      client.setQueriesData<Thread>({ queryKey: threads(connection, sessionId) }, (thread) => (thread ? threadAfter(thread, change) : thread));
      client.setQueryData<HistoryPage>(polledPage(connection, sessionId), (page) => (page ? pageAfter(page, change) : page));
      if (change.kind === "messages_read" && change.by === "operator") markedReadInCache(client, connection, sessionId);
      return;
    }
    case "composing":
      if (change.from === "user") {
        client.setQueryData<Composing>(queryKeys.messages.composing(connection, change.session_id), {
          typing: change.typing,
          excerpt: change.excerpt ?? null,
          at: Date.now(),
        });
      }
      return;
    case "conversation_changed": {
      const { session_id: sessionId } = change;
      if (change.change === "request:initiated") {
        addToPlainLists(client, connection, sessionId, fetch, true);
        return;
      }
      const edit = (c: Conversation) => conversationAfterChange(c, change.change, change.data);
      const one = client.getQueryData<Conversation>(queryKeys.conversations.one(connection, sessionId));
      if (one) {
        const next = edit(one);
        if (next) client.setQueryData(queryKeys.conversations.one(connection, sessionId), next);
        // What cannot be written exactly is read again, for this one conversation only.
        else void client.invalidateQueries({ queryKey: queryKeys.conversations.one(connection, sessionId), exact: true });
      }
      for (const [key] of client.getQueriesData<ConversationPages>({ queryKey: conversationLists(connection) })) {
        writeList<ConversationPages>(client, key, (list) => listPatched(list, sessionId, edit));
      }
      return;
    }
    case "conversation_removed": {
      const { session_id: sessionId } = change;
      for (const [key] of client.getQueriesData<ConversationPages>({ queryKey: conversationLists(connection) })) {
        writeList<ConversationPages>(client, key, (list) => listWithout(list, sessionId));
      }
      client.removeQueries({ queryKey: queryKeys.conversations.one(connection, sessionId), exact: true });
      return;
    }
    case "profile_changed": {
      const { people_id: peopleId } = change;
      if (change.change === "removed") {
        client.removeQueries({ queryKey: profile(connection, peopleId), exact: true });
        for (const [key] of client.getQueriesData<ProfilePages>({ queryKey: peopleLists(connection) })) {
          writeList<ProfilePages>(client, key, (list) => profilesPatched(list, peopleId, () => null));
        }
        return;
      }
      client.setQueryData<PeopleProfile_Deserialize>(profile(connection, peopleId), (p) => (p ? profileWith(p, change.data) : p));
      for (const [key] of client.getQueriesData<ProfilePages>({ queryKey: peopleLists(connection) })) {
        writeList<ProfilePages>(client, key, (list) => profilesPatched(list, peopleId, (row) => profileWith(row, change.data)));
      }
      if (change.change === "created") {
        // Where a new profile sorts is Crisp's to say: a list of one page is read again, longer ones when next shown.
        for (const [key, list] of client.getQueriesData<ProfilePages>({ queryKey: peopleLists(connection) })) {
          const refetchType = list && list.pages.length === 1 ? "active" : "none";
          void client.invalidateQueries({ queryKey: key, exact: true, refetchType });
        }
      }
      return;
    }
    case "visitors_count":
      client.setQueriesData<{ count?: number | null; active?: number | null }>({ queryKey: visitorCounts(connection) }, (count) =>
        count ? { ...count, count: change.count, active: change.active ?? count.active } : count,
      );
      // Who is online changed: a visitor list on screen is read again (Crisp pushes no list), others when next shown.
      void client.invalidateQueries({ queryKey: visitorLists(connection), refetchType: "active" });
      return;
  }
}
