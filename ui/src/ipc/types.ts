/**
 * Short names for the generated types. Requests are the `_Deserialize` side (what Rust reads). Answers are
 * read through the `_Deserialize` side too: the same fields, all optional, which every `_Serialize` value
 * fits, so screens never rely on a field being present. Everything else is re-exported as generated.
 */
import type * as B from "../bindings";

export type AppErrorData = B.AppError_Serialize;
export type SaveConnection = B.SaveConnection_Deserialize;
export type SaveCannedReply = B.SaveCannedReply_Deserialize;
export type ConnectionTest = B.ConnectionTest_Deserialize;
export type QuotaSnapshot = B.QuotaSnapshot_Deserialize;

export type Conversation = B.Conversation_Deserialize;
export type SearchConversations = B.SearchConversations_Deserialize;
export type ChangeConversationState = B.ChangeConversationState_Deserialize;
export type CreatedConversation = B.CreatedConversation_Deserialize;

export type Message = B.Message_Deserialize;
export type HistoryPage = B.HistoryPage_Deserialize;
export type ListMessages = B.ListMessages_Deserialize;
export type SendMessage = B.SendMessage_Deserialize;
export type SendMessageBody = B.SendMessageBody_Deserialize;
export type SentMessage = B.SentMessage_Deserialize;
export type UpdateMessage = B.UpdateMessage_Deserialize;
/** Content as sent (a form builds it); received content is `Message["content"]`. */
export type MessageContent = B.MessageContent_Deserialize;
export type PickerContent = B.PickerContent_Deserialize;
export type FieldContent = B.FieldContent_Deserialize;
export type CarouselContent = B.CarouselContent_Deserialize;
export type EventContent = B.EventContent_Deserialize;

export type Operator = B.Operator_Deserialize;
export type OperatorEntry = B.OperatorEntry_Deserialize;
export type Website = B.Website_Deserialize;

export type MonitorSettings = B.MonitorSettings_Deserialize;
export type MonitorStatus = B.MonitorStatus_Deserialize;
export type MonitorEvent = B.MonitorEvent_Deserialize;
export type MonitorUpdateEvent = B.MonitorUpdateEvent_Deserialize;
export type LiveChange = B.LiveChange_Deserialize;
export type LiveEvent = B.LiveEvent_Deserialize;

export type Progress = B.Progress_Deserialize;
export type PeopleImportPlan = B.PeopleImportPlan_Deserialize;
export type ImportReport = B.ImportReport_Deserialize;
export type RowFailure = B.RowFailure_Deserialize;

export type SearchStored = B.SearchStored_Deserialize;
export type StoredConversationHit = B.StoredConversationHit_Deserialize;
export type StoredPeopleHit = B.StoredPeopleHit_Deserialize;
export type StoredConversation = B.StoredConversation_Deserialize;
export type StoredThread = B.StoredThread_Deserialize;
export type StoredPeopleProfile = B.StoredPeopleProfile_Deserialize;
