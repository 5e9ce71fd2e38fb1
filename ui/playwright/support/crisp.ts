/**
 * A small in-memory Crisp for screen tests: conversations, messages and operators, answered through the
 * mocked IPC with the paging rules of the contract (pages by number, message history as the backend's pages:
 * each with the `next` request until the start). Tests read and change `state` directly.
 */
import { known } from "../../src/components/lenient";
import type { Conversation, Message } from "../../src/ipc";
import { type Handlers, type IpcArgs, ipcError, pagedStream } from "./app";

export const WEBSITE_ID = "3f2b9c1e-5d47-4a8e-9b61-0c2d7e4f8a13";
export const RUI = "d41e8b27-93c5-4f0a-b6e2-7a19c3f58d04";
export const INES = "5c8f1a3e-0b72-4d19-a6e4-2e9b7c0d4f15";
const BASE_TIME = Date.UTC(2026, 6, 20, 9, 0, 0);
const NAMES = ["Ana Costa", "Bruno Lima", "Carla Dias", "Diego Ruiz", "Eva Novak", "Femi Ade", "Grace Ho", "Hugo Brandt"];
const STATES = ["unresolved", "pending", "resolved"] as const;

export function sessionId(i: number): string {
  return `session_${String(i).padStart(8, "0")}-2f38-4d65-8a0b-91c3e5d7f246`;
}

/** `n` conversations, newest first, with a mix of states, unread counts and assignees. */
export function makeConversations(n: number): Conversation[] {
  return Array.from({ length: n }, (_, i) => ({
    session_id: sessionId(i),
    website_id: WEBSITE_ID,
    state: STATES[i % 3],
    last_message: i === 0 ? "My refund has not arrived yet" : `Question number ${i} about the order`,
    unread: { operator: i % 4 === 0 ? (i % 7) + 1 : 0, visitor: 0 },
    assigned: i % 3 === 0 ? { user_id: RUI } : i % 3 === 1 ? { user_id: INES } : null,
    meta: { nickname: `${NAMES[i % NAMES.length]} ${i}`, email: `visitor${i}@example.com`, segments: ["customer"] },
    created_at: BASE_TIME - i * 60_000 - 3_600_000,
    updated_at: BASE_TIME - i * 60_000,
  }));
}

/** `n` messages of one conversation, oldest first, a minute apart, alternating visitor and operator. */
export function makeMessages(session: string, n: number): Message[] {
  return Array.from({ length: n }, (_, i) => ({
    session_id: session,
    website_id: WEBSITE_ID,
    type: "text",
    from: i % 2 === 0 ? "user" : "operator",
    origin: "chat",
    content: i === 0 ? "First message of the conversation" : `Message ${i + 1}`,
    fingerprint: 172145900000000 + i,
    timestamp: BASE_TIME - (n - i) * 60_000,
    user:
      i % 2 === 0
        ? { user_id: session, nickname: "Ana Costa" }
        : { type: "website", user_id: RUI, nickname: "Rui", avatar: null },
  }));
}

/** One message of every type, for the rendering test and the screenshots. */
export function everyTypeMessages(session: string): Message[] {
  const at = (i: number) => BASE_TIME - (20 - i) * 60_000;
  const base = (i: number, type: string, from: "user" | "operator", content: Message["content"]): Message => ({
    session_id: session,
    website_id: WEBSITE_ID,
    type,
    from,
    origin: "chat",
    content,
    fingerprint: 172145800000000 + i,
    timestamp: at(i),
    user: from === "user" ? { user_id: session, nickname: "Ana Costa" } : { type: "website", user_id: RUI, nickname: "Rui" },
  });
  return [
    base(1, "text", "user", "Hello, my refund has not arrived. See https://shop.example.com/orders/8812"),
    { ...base(2, "text", "operator", "Sorry about that! Checking now."), edited: true },
    base(3, "note", "operator", "Bank transfer pending, ask finance."),
    base(4, "file", "operator", { name: "refund-receipt.pdf", url: "https://files.example.com/r/8812.pdf", type: "application/pdf" }),
    base(5, "animation", "user", { url: "https://media.example.com/thanks.gif", type: "image/gif" }),
    base(6, "audio", "user", { url: "https://media.example.com/voice.mp3", type: "audio/mpeg", duration: 12 }),
    base(7, "picker", "operator", {
      id: "rating",
      text: "How did we do?",
      choices: [
        { value: "good", label: "Good", selected: true },
        { value: "bad", label: "Bad", selected: false },
      ],
    }),
    base(8, "field", "operator", { id: "email", text: "Your email?", explain: "We answer there", value: "ana@example.com" }),
    base(9, "carousel", "operator", {
      text: "Our plans",
      targets: [
        { title: "Pro", description: "For teams", actions: [{ label: "Choose Pro", url: "https://shop.example.com/pro" }] },
        { title: "Free", description: "To start", actions: [{ label: "Choose Free", url: "https://shop.example.com/free" }] },
      ],
    }),
    base(10, "event", "operator", { namespace: "state:resolved", text: "Rui resolved the conversation" }),
    { ...base(11, "text", "user", "Obrigada!"), translated: true },
  ];
}

export const operators = [
  { type: "operator", details: { user_id: RUI, email: "rui@acme.pt", first_name: "Rui", last_name: "Matos", role: "owner", availability: "online" } },
  { type: "operator", details: { user_id: INES, email: "ines@acme.pt", first_name: "Inês", last_name: "Sousa", role: "member", availability: "away" } },
];

export interface CrispState {
  conversations: Conversation[];
  messages: Map<string, Message[]>;
  /** Messages per history batch. */
  batch: number;
}

/** A fresh in-memory Crisp and the IPC handlers that answer from it. */
export function fakeCrisp(options: { conversations?: number; messages?: number; batch?: number } = {}) {
  const state: CrispState = {
    conversations: makeConversations(options.conversations ?? 60),
    messages: new Map(),
    batch: options.batch ?? 20,
  };
  const messagesOf = (session: string) => {
    if (!state.messages.has(session)) state.messages.set(session, makeMessages(session, options.messages ?? 45));
    return state.messages.get(session)!;
  };
  // One page of search_conversations, filtered as Crisp would.
  const searchPage = (request: IpcArgs, page: number) => {
    const perPage: number = request.per_page ?? 20;
    let list = state.conversations;
    if (request.filter_resolved) list = list.filter((c) => c.state === "resolved");
    if (request.filter_not_resolved) list = list.filter((c) => c.state !== "resolved");
    if (request.filter_unread) list = list.filter((c) => (known(c.unread)?.operator ?? 0) > 0);
    if (request.filter_assigned) list = list.filter((c) => known(c.assigned)?.user_id === request.filter_assigned);
    if (request.filter_unassigned) list = list.filter((c) => !known(c.assigned)?.user_id);
    if (typeof request.search_query === "string" && request.search_query) {
      const q = request.search_query.toLowerCase();
      list = list.filter((c) => `${known(c.meta)?.nickname} ${c.last_message}`.toLowerCase().includes(q));
    }
    return list.slice((page - 1) * perPage, page * perPage);
  };
  let created = 0;
  function batch(change: (conversation: Conversation) => void) {
    return ({ request }: IpcArgs) => {
      const sessions: string[] = request.body.sessions;
      const found = sessions.map((id) => state.conversations.find((c) => c.session_id === id));
      const missing = sessions.find((_, i) => !found[i]);
      if (missing) throw ipcError("not_found", `The conversation ${missing} was not found (Crisp: not_found).`);
      for (const c of found) change(c as Conversation);
      return {};
    };
  }
  const handlers: Handlers = {
    list_operators: () => operators,
    search_conversations: ({ request }) => searchPage(request, request.page ?? 1),
    stream_conversations: pagedStream(searchPage),
    get_conversation: ({ request }) => {
      const found = state.conversations.find((c) => c.session_id === request.session_id);
      if (!found) throw ipcError("not_found", "This conversation does not exist (Crisp: not_found).");
      return found;
    },
    create_conversation: () => {
      created += 1;
      const id = `session_new${created}-0000-4000-8000-000000000000`;
      state.conversations.unshift({ session_id: id, website_id: WEBSITE_ID, state: "pending", meta: {}, created_at: BASE_TIME, updated_at: BASE_TIME });
      state.messages.set(id, []);
      return { session_id: id };
    },
    change_conversation_state: ({ request }) => {
      const found = state.conversations.find((c) => c.session_id === request.session_id);
      if (found) found.state = request.body.state;
      return {};
    },
    mark_messages_read: ({ request }) => {
      const found = state.conversations.find((c) => c.session_id === request.session_id);
      if (found && request.body.from === "operator") found.unread = { operator: 0, visitor: known(found.unread)?.visitor ?? 0 };
      return {};
    },
    remove_conversation: ({ request }) => {
      state.conversations = state.conversations.filter((c) => c.session_id !== request.session_id);
      return {};
    },
    get_conversation_routing: ({ request }) => {
      const found = state.conversations.find((c) => c.session_id === request.session_id);
      if (!found) throw ipcError("not_found", "This conversation does not exist (Crisp: not_found).");
      const assigned = known(found.assigned)?.user_id;
      return assigned ? { assigned: { user_id: assigned } } : {};
    },
    assign_conversation_routing: ({ request }) => {
      const found = state.conversations.find((c) => c.session_id === request.session_id);
      if (!found) throw ipcError("not_found", "This conversation does not exist (Crisp: not_found).");
      found.assigned = request.body.assigned;
      return {};
    },
    // The batch routes as the sandbox answers them: all or nothing, an unknown session fails the whole request.
    batch_resolve_conversations: batch((c) => (c.state = "resolved")),
    batch_unresolve_conversations: batch((c) => (c.state = "unresolved")),
    batch_read_conversations: batch((c) => (c.unread = { operator: 0, visitor: known(c.unread)?.visitor ?? 0 })),
    batch_unread_conversations: batch((c) => (c.unread = { operator: Math.max(1, known(c.unread)?.operator ?? 0), visitor: 0 })),
    batch_remove_conversations: batch((c) => (state.conversations = state.conversations.filter((o) => o !== c))),
    batch_assign_conversations: (args) => batch((c) => (c.assigned = args.request.body.assigned))(args),
    // The backend's history page (the client's walk): a batch, or with `limit` exactly that many of the newest
    // messages; `next` is the request for the older page, with the walk's state, or null at the start or limit.
    list_messages: ({ request }) => {
      const all = messagesOf(request.session_id);
      const older = request.timestamp_before != null ? all.filter((m) => (m.timestamp ?? 0) < request.timestamp_before) : all;
      const size = request.limit ?? state.batch;
      const batch = older.slice(Math.max(0, older.length - size));
      const remaining = request.limit != null ? request.limit - batch.length : null;
      const more = older.length > batch.length && remaining !== 0;
      const oldest = Math.min(...batch.map((m) => m.timestamp ?? 0));
      const resume = { seen: batch.map((m) => `f${m.fingerprint}`), stepped_down: 0, batches: (request.resume?.batches ?? 0) + 1 };
      const next = more ? { ...request, timestamp_before: oldest, ...(remaining != null ? { limit: remaining } : {}), resume } : null;
      return { messages: [...batch].reverse(), next };
    },
    send_message: ({ request }) => {
      const all = messagesOf(request.session_id);
      const fingerprint = request.body.fingerprint ?? Date.now();
      if (!all.some((m) => m.fingerprint === fingerprint)) {
        all.push({
          ...request.body,
          session_id: request.session_id,
          website_id: WEBSITE_ID,
          fingerprint,
          timestamp: BASE_TIME + all.length * 1000,
          user: { type: "website", user_id: RUI, nickname: request.body.user?.nickname ?? "Rui" },
        });
      }
      return { fingerprint };
    },
    update_message: ({ request }) => {
      const found = messagesOf(request.session_id).find((m) => m.fingerprint === request.fingerprint);
      if (!found) throw ipcError("not_found", "No message with this fingerprint (Crisp: not_found).");
      found.content = request.body.content;
      found.edited = true;
      return {};
    },
    get_message: ({ request }) => {
      const found = messagesOf(request.session_id).find((m) => m.fingerprint === request.fingerprint);
      if (!found) throw ipcError("not_found", "No message with this fingerprint (Crisp: not_found).");
      return found;
    },
  };
  return { state, handlers, messagesOf };
}
