/**
 * Stand-in for the generated `ui/src/bindings.ts` until the src-tauri side commits it: the same command
 * names, argument names (`connection`, `request`) and result shape (`{status: "ok", data} | {status: "error",
 * error}`) that tauri-specta generates, typed from ARCHITECTURE.md and the crisp-client request types.
 * Only `ui/src/ipc/` imports this file; it goes away when the bindings land.
 */
import { invoke } from "@tauri-apps/api/core";

export type Result<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type ConnectionId = string;
export type Tier = "user" | "plugin" | "website";
export type ErrorKind =
  | "invalid_input"
  | "bad_credentials"
  | "wrong_tier"
  | "not_found"
  | "not_subscribed"
  | "rate_limited"
  | "quota_exceeded"
  | "network"
  | "timeout"
  | "keychain_unavailable"
  | "server"
  | "internal";
export type AppError = { kind: ErrorKind; message: string; field?: string | null; retry_after_ms?: number | null };

export type ConnectionSummary = {
  id: ConnectionId;
  name: string;
  identifier: string;
  website_id: string;
  tier: Tier;
  api_base: string;
  has_key: boolean;
  demo: boolean;
  selected: boolean;
};
export type SaveConnection = {
  id?: ConnectionId | null;
  name: string;
  identifier: string;
  key?: string | null;
  website_id: string;
  tier: Tier;
  api_base?: string | null;
};
export type Website = {
  website_id?: string | null;
  name?: string | null;
  domain?: string | null;
  logo?: string | null;
  verified?: boolean | null;
};
export type ConnectionTest = { website: Website; tier: Tier };
export type Empty = Record<string, never>;
export type QuotaSnapshot = { [key: string]: JsonValue };

export type ConversationState = "pending" | "unresolved" | "resolved" | string;
export type Sender = "user" | "operator" | string;
export type MessageType =
  | "text"
  | "note"
  | "file"
  | "animation"
  | "audio"
  | "picker"
  | "field"
  | "carousel"
  | "event"
  | string;
export type SearchType = "text" | "segment" | "filter";
export type SearchOperator = "and" | "or";
export type SearchFilter = { model: string; criterion: string; operator: string; query: string[] };
export type SearchQuery = string | SearchFilter[];

export type SearchConversations = {
  website_id: string;
  page?: number;
  per_page?: number | null;
  search_query?: SearchQuery | null;
  search_type?: SearchType | null;
  search_operator?: SearchOperator | null;
  include_empty?: boolean | null;
  filter_inbox_id?: string | null;
  filter_unread?: boolean | null;
  filter_resolved?: boolean | null;
  filter_not_resolved?: boolean | null;
  filter_mention?: boolean | null;
  filter_assigned?: string | null;
  filter_unassigned?: boolean | null;
  filter_date_start?: string | null;
  filter_date_end?: string | null;
  order_date_created?: boolean | null;
  order_date_updated?: boolean | null;
  order_date_waiting?: boolean | null;
  limit?: number | null;
};
export type CreateConversation = { website_id: string };
export type CreatedConversation = { session_id?: string | null };
export type GetConversation = { website_id: string; session_id: string };
export type RemoveConversation = { website_id: string; session_id: string };
export type UserOverride = { type?: string | null; nickname?: string | null; avatar?: string | null };
export type ChangeConversationState = {
  website_id: string;
  session_id: string;
  body: { state: ConversationState; user?: UserOverride | null; origin?: string | null };
};

export type Conversation = {
  session_id?: string | null;
  website_id?: string | null;
  inbox_id?: string | null;
  people_id?: string | null;
  state?: ConversationState | null;
  status?: number | null;
  is_verified?: boolean | null;
  is_blocked?: boolean | null;
  availability?: string | null;
  active?: { now?: boolean | null; last?: number | null } | null;
  last_message?: string | null;
  preview_message?: { type?: string | null; from?: string | null; excerpt?: string | null; fingerprint?: number | null } | null;
  topic?: string | null;
  mentions?: string[] | null;
  unread?: { operator?: number | null; visitor?: number | null } | null;
  assigned?: { user_id?: string | null } | null;
  meta?: {
    nickname?: string | null;
    email?: string | null;
    phone?: string | null;
    avatar?: string | null;
    origin?: string | null;
    subject?: string | null;
    segments?: string[] | null;
  } | null;
  created_at?: number | null;
  updated_at?: number | null;
  waiting_since?: number | null;
};

export type FileContent = { name: string; url: string; type: string };
export type AnimationContent = { url: string; type: string };
export type AudioContent = { url: string; type: string; duration: number };
export type PickerChoice = {
  value: string;
  label: string;
  selected: boolean;
  icon?: string | null;
  action?: { type: string; target: string } | null;
};
export type PickerContent = { id: string; text: string; choices: PickerChoice[]; required?: boolean | null };
export type FieldContent = { id: string; text: string; explain: string; value?: string | null; required?: boolean | null };
export type CarouselTarget = {
  title: string;
  description: string;
  image?: string | null;
  actions: { label: string; url: string }[];
};
export type CarouselContent = { text: string; targets: CarouselTarget[] };
export type EventContent = { namespace: string; text?: string | null };
export type MessageContent =
  | string
  | FileContent
  | AnimationContent
  | AudioContent
  | PickerContent
  | FieldContent
  | CarouselContent
  | EventContent
  | JsonValue;

export type MessageUser = { type?: string | null; user_id?: string | null; nickname?: string | null; avatar?: string | null };
export type Message = {
  session_id?: string | null;
  website_id?: string | null;
  type?: MessageType | null;
  from?: Sender | null;
  origin?: string | null;
  content?: MessageContent | null;
  mentions?: string[] | null;
  read?: string | null;
  delivered?: string | null;
  edited?: boolean | null;
  translated?: boolean | null;
  automated?: boolean | null;
  stamped?: boolean | null;
  fingerprint?: number | null;
  timestamp?: number | null;
  user?: MessageUser | null;
};
export type MessageBatch = { messages: Message[]; more: boolean };
export type ListMessages = {
  website_id: string;
  session_id: string;
  timestamp_before?: number | null;
  timestamp_after?: number | null;
  timestamp_around?: number | null;
  limit?: number | null;
};
export type SendMessageBody = {
  type: MessageType;
  from: Sender;
  origin: string;
  content: MessageContent;
  fingerprint?: number | null;
  user?: UserOverride | null;
  mentions?: string[] | null;
  timestamp?: number | null;
  stealth?: boolean | null;
  translated?: boolean | null;
  automated?: boolean | null;
};
export type SendMessage = { website_id: string; session_id: string; body: SendMessageBody };
export type SentMessage = { fingerprint?: number | null };
export type GetMessage = { website_id: string; session_id: string; fingerprint: number };
export type UpdateMessage = {
  website_id: string;
  session_id: string;
  fingerprint: number;
  body: { content: MessageContent };
};
export type ListOperators = { website_id: string };
export type Operator = {
  user_id?: string | null;
  email?: string | null;
  avatar?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  role?: string | null;
  title?: string | null;
  availability?: string | null;
};
export type OperatorEntry = { type?: string | null; details?: Operator | null };

async function run<T>(command: string, args: Record<string, unknown>): Promise<Result<T, AppError>> {
  try {
    return { status: "ok", data: await invoke<T>(command, args) };
  } catch (e) {
    if (e instanceof Error) throw e;
    return { status: "error", error: e as AppError };
  }
}

export const commands: typeof typedCommands & typeof looseCommands = {} as never;
const typedCommands = {
  listConnections: () => run<ConnectionSummary[]>("list_connections", {}),
  saveConnection: (request: SaveConnection) => run<ConnectionSummary>("save_connection", { request }),
  testConnection: (request: SaveConnection) => run<ConnectionTest>("test_connection", { request }),
  deleteConnection: (connection: ConnectionId) => run<null>("delete_connection", { connection }),
  selectConnection: (connection: ConnectionId) => run<ConnectionSummary>("select_connection", { connection }),
  openExternalLink: (url: string) => run<null>("open_external_link", { url }),
  quota: (connection: ConnectionId) => run<QuotaSnapshot>("quota", { connection }),
  searchConversations: (connection: ConnectionId, request: SearchConversations) =>
    run<Conversation[]>("search_conversations", { connection, request }),
  createConversation: (connection: ConnectionId, request: CreateConversation) =>
    run<CreatedConversation>("create_conversation", { connection, request }),
  getConversation: (connection: ConnectionId, request: GetConversation) =>
    run<Conversation>("get_conversation", { connection, request }),
  removeConversation: (connection: ConnectionId, request: RemoveConversation) =>
    run<Empty>("remove_conversation", { connection, request }),
  changeConversationState: (connection: ConnectionId, request: ChangeConversationState) =>
    run<Empty>("change_conversation_state", { connection, request }),
  listMessages: (connection: ConnectionId, request: ListMessages) =>
    run<MessageBatch>("list_messages", { connection, request }),
  sendMessage: (connection: ConnectionId, request: SendMessage) =>
    run<SentMessage>("send_message", { connection, request }),
  getMessage: (connection: ConnectionId, request: GetMessage) => run<Message>("get_message", { connection, request }),
  updateMessage: (connection: ConnectionId, request: UpdateMessage) =>
    run<Empty>("update_message", { connection, request }),
  listOperators: (connection: ConnectionId, request: ListOperators) =>
    run<OperatorEntry[]>("list_operators", { connection, request }),
};

/* Operations the people/visitors/websites/raw screens use; loosely typed until the generated bindings land. */
type Loose = any;
const loose = (command: string) => (connection: ConnectionId, request: Loose) =>
  run<Loose>(command, { connection, request });
export const looseCommands = {
  getConversationMeta: loose("get_conversation_meta"),
  updateConversationMeta: loose("update_conversation_meta"),
  markMessagesRead: loose("mark_messages_read"),
  addPeopleProfile: loose("add_people_profile"),
  getPeopleProfile: loose("get_people_profile"),
  updatePeopleProfile: loose("update_people_profile"),
  removePeopleProfile: loose("remove_people_profile"),
  listPeopleProfiles: loose("list_people_profiles"),
  countVisitors: loose("count_visitors"),
  listVisitors: loose("list_visitors"),
  checkWebsiteExists: loose("check_website_exists"),
  getWebsite: loose("get_website"),
  createWebsite: loose("create_website"),
  deleteWebsite: loose("delete_website"),
  callApi: loose("call_api"),
};
Object.assign(commands, typedCommands, looseCommands);
