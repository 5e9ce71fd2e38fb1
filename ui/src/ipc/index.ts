/**
 * The UI's only door to Rust: the generated commands and types (`ui/src/bindings.ts`), `call()` that unwraps
 * their results, `AppError`, `queryKeys`, `openExternalLink`, `openChannel` for streaming commands and the event
 * hooks. Features import from here, never from `bindings.ts` or `@tauri-apps/*`.
 */
export * from "../bindings";
// Explicit, so these short names win over the generated unions of the same name.
export type {
  AppErrorData, SaveConnection, SaveCannedReply, ConnectionTest, QuotaSnapshot, Conversation, SearchConversations, ChangeConversationState, CreatedConversation, Message, HistoryPage, ListMessages, SendMessage, SendMessageBody, SentMessage, UpdateMessage, MessageContent, PickerContent, FieldContent, CarouselContent, EventContent, Operator, OperatorEntry, Website,
  MonitorSettings, MonitorStatus, MonitorEvent, MonitorUpdateEvent, LiveChange, LiveEvent, Progress, PeopleImportPlan, ImportReport, RowFailure,
  SearchStored, StoredConversationHit, StoredPeopleHit, StoredConversation, StoredThread, StoredPeopleProfile,
} from "./types";
export { call } from "./call";
export { AppError, asAppError, describeError, isRetryable, retryDelayMs } from "./errors";
export { queryKeys } from "./queryKeys";
export { openExternalLink } from "./links";
export { openChannel, streamPages } from "./channel";
export { useLiveEvent, useMonitorUpdateEvent } from "./events";
export { isOffline, offlineKey, readOrStored, useOfflineStoredAt, type StoredAnswer } from "./offline";
