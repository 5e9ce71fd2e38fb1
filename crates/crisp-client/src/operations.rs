//! Every Crisp operation, declared once: its section, the client's verb, the request type, the kind of call it
//! is, and the words the CLI and the app show for it. The CLI's subcommands and dispatch and the app's commands
//! and their registration are generated from this table by [`for_each_operation!`](crate::for_each_operation),
//! and [`OPERATIONS`] lists it for tests. The table also writes each section's handler (`client.conversations()`,
//! with a method per verb), which the app's commands call.
//!
//! A row reads
//!
//! ```text
//! /// The app command's doc comment.
//! verb | "old verb" => command_name(RequestType): kind, scope,
//!     "The CLI's one-line help";
//! ```
//!
//! - `verb` is the handler's method (`client.conversations().change_state(..)`); the CLI spells it in kebab case
//!   (`crispdesk conversations change-state`) and keeps each `"old verb"` as an alias; an alias of two words is a
//!   nested verb (`"batch resolve"`: `crispdesk conversations batch resolve`).
//! - `command_name` is the operation's name: the app's command and the UI's accessor (camelCased).
//! - `RequestType` lives in the section's module (`crate::<section>::RequestType`).
//! - `kind`: `once` (one request, answered as Crisp sent it), `paged(stream_command)` (one page, or with `limit`
//!   every page; the app also streams pages through `stream_command`), `history` (a conversation's messages,
//!   walked back by `timestamp_before`), `draft` (a message send that never lands twice), `exists` (404 answers
//!   `exists: false`), `raw` (any route; the CLI's `crispdesk raw`), or `secret(path.to.field)` (one request whose
//!   field at that path never appears in an error).
//! - `scope`: `website` when the route has a `{website_id}` segment (the CLI fills it from `CRISP_WEBSITE_ID`),
//!   `global` otherwise.

/// Hands the whole operation table to `$callback!`, as `section(Handler): "what the section holds" { rows }`
/// groups in the order the app registers its commands (`raw` has no handler: its one call is `Client::send`).
#[macro_export]
macro_rules! for_each_operation {
    ($callback:ident) => {
        $crate::for_each_operation! { @rows $callback {
            conversations(Conversations): "Conversations of the workspace." {
                /// Starts a new conversation; see `crisp_client::conversations::CreateConversation`.
                create => create_conversation(CreateConversation): once, website,
                    "POST /v1/website/{website_id}/conversation: starts an empty conversation. Input: {}";
                /// One page of conversations, optionally searched and filtered; see `crisp_client::conversations::SearchConversations`.
                search => search_conversations(SearchConversations): paged(stream_conversations), website,
                    r#"GET /v1/website/{website_id}/conversations/{page}: one page of conversations, or "limit" of them. Input e.g. {"page": 1, "per_page": 50, "search_query": "refund", "filter_not_resolved": true}"#;
                /// One conversation; see `crisp_client::conversations::GetConversation`.
                get => get_conversation(GetConversation): once, website,
                    r#"GET /v1/website/{website_id}/conversation/{session_id}. Input: {"session_id"}"#;
                /// Removes a conversation and its messages; see `crisp_client::conversations::RemoveConversation`.
                remove => remove_conversation(RemoveConversation): once, website,
                    r#"DELETE /v1/website/{website_id}/conversation/{session_id}. Input: {"session_id"}"#;
                /// Sets a conversation's state (pending, unresolved, resolved); see `crisp_client::conversations::ChangeConversationState`.
                change_state | "state" => change_conversation_state(ChangeConversationState): once, website,
                    r#"PATCH .../conversation/{session_id}/state. Input: {"session_id", "body": {"state": "resolved"}}"#;
                /// A conversation's metas (nickname, email, segments, data, ...); see `crisp_client::conversations::GetConversationMeta`.
                get_meta | "meta" => get_conversation_meta(GetConversationMeta): once, website,
                    r#"GET .../conversation/{session_id}/meta. Input: {"session_id"}"#;
                /// Changes a conversation's metas; only the fields set are sent; see `crisp_client::conversations::UpdateConversationMeta`.
                update_meta => update_conversation_meta(UpdateConversationMeta): once, website,
                    r#"PATCH .../conversation/{session_id}/meta. Input: {"session_id", "body": {"nickname": "Ana"}}"#;
                /// Marks messages of a conversation as read; see `crisp_client::conversations::MarkMessagesRead`.
                mark_read | "read" => mark_messages_read(MarkMessagesRead): once, website,
                    r#"PATCH .../conversation/{session_id}/read. Input: {"session_id", "body": {"from": "operator", "origin": "chat"}}"#;
                /// Who a conversation is assigned to; see `crisp_client::conversations::GetConversationRouting`.
                get_routing => get_conversation_routing(GetConversationRouting): once, website,
                    r#"GET .../conversation/{session_id}/routing. Input: {"session_id"}"#;
                /// Assigns a conversation to an operator, or to nobody; see `crisp_client::conversations::AssignConversationRouting`.
                assign => assign_conversation_routing(AssignConversationRouting): once, website,
                    r#"PATCH .../conversation/{session_id}/routing. Input: {"session_id", "body": {"assigned": {"user_id": "..."}}} or "assigned": null"#;
                /// Resolves conversations in one request; see `crisp_client::conversations::BatchResolveConversations`.
                batch_resolve | "batch resolve" => batch_resolve_conversations(BatchResolveConversations): once, website,
                    r#"PATCH .../batch/resolve. Input: {"body": {"sessions": ["session_..."]}}"#;
                /// Reopens conversations in one request; see `crisp_client::conversations::BatchUnresolveConversations`.
                batch_unresolve | "batch unresolve" => batch_unresolve_conversations(BatchUnresolveConversations): once, website,
                    r#"PATCH .../batch/unresolve. Input: {"body": {"sessions": ["session_..."]}}"#;
                /// Marks conversations read in one request; see `crisp_client::conversations::BatchReadConversations`.
                batch_read | "batch read" => batch_read_conversations(BatchReadConversations): once, website,
                    r#"PATCH .../batch/read. Input: {"body": {"sessions": ["session_..."]}}"#;
                /// Marks conversations unread in one request; see `crisp_client::conversations::BatchUnreadConversations`.
                batch_unread | "batch unread" => batch_unread_conversations(BatchUnreadConversations): once, website,
                    r#"PATCH .../batch/unread. Input: {"body": {"sessions": ["session_..."]}}"#;
                /// Removes conversations in one request; see `crisp_client::conversations::BatchRemoveConversations`.
                batch_remove | "batch remove" => batch_remove_conversations(BatchRemoveConversations): once, website,
                    r#"PATCH .../batch/remove (not DELETE). Input: {"body": {"sessions": ["session_..."]}}"#;
                /// Assigns conversations to an operator, or to nobody, in one request; see `crisp_client::conversations::BatchAssignConversations`.
                batch_assign | "batch assign" => batch_assign_conversations(BatchAssignConversations): once, website,
                    r#"PATCH .../batch/routing. Input: {"body": {"sessions": ["session_..."], "assigned": {"user_id": "..."}}} or "assigned": null"#;
            }
            messages(Messages): "Messages inside one conversation." {
                /// One page of a conversation's history, and the request for the next older page when there is one: the
                /// client's history walk decides where the history ends and how many messages a `limit` keeps, for the CLI and
                /// the screens alike; see `crisp_client::Client::message_history_page`.
                list => list_messages(ListMessages): history, website,
                    r#"GET .../conversation/{session_id}/messages: the latest batch, or with "limit" history back to the start. Input e.g. {"session_id", "timestamp_before": 1721459038274}"#;
                /// Sends one try of a draft; see `crisp_client::messages::SendMessage`. The UI passes the draft's fingerprint
                /// on every try and `may_have_landed` on a retry, so the client looks the fingerprint up before posting again
                /// and a draft whose earlier answer was lost lands once. After an unclear failure within this try it looks the
                /// fingerprint up too.
                send => send_message(SendMessage): draft, website,
                    r#"POST .../conversation/{session_id}/message. Input: {"session_id", "body": {"type": "text", "from": "operator", "origin": "chat", "content": "Hi"}}"#;
                /// One message, by fingerprint; see `crisp_client::messages::GetMessage`.
                get => get_message(GetMessage): once, website,
                    r#"GET .../conversation/{session_id}/message/{fingerprint}. Input: {"session_id", "fingerprint"}"#;
                /// Edits a message's content; see `crisp_client::messages::UpdateMessage`.
                update => update_message(UpdateMessage): once, website,
                    r#"PATCH .../conversation/{session_id}/message/{fingerprint}. Input: {"session_id", "fingerprint", "body": {"content": "..."}}"#;
            }
            people(People): "People profiles (the contacts of the workspace)." {
                /// Adds a people profile; see `crisp_client::people::AddPeopleProfile`.
                add => add_people_profile(AddPeopleProfile): once, website,
                    r#"POST .../people/profile. Input: {"body": {"email": "ana@example.com", "person": {"nickname": "Ana"}}}"#;
                /// One people profile; see `crisp_client::people::GetPeopleProfile`.
                get => get_people_profile(GetPeopleProfile): once, website,
                    r#"GET .../people/profile/{people_id}. Input: {"people_id"}"#;
                /// Changes a people profile; only the fields set are sent; see `crisp_client::people::UpdatePeopleProfile`.
                update => update_people_profile(UpdatePeopleProfile): once, website,
                    r#"PATCH .../people/profile/{people_id}: changes only the fields sent. Input: {"people_id", "body": {...}}"#;
                /// Removes a people profile; see `crisp_client::people::RemovePeopleProfile`.
                remove => remove_people_profile(RemovePeopleProfile): once, website,
                    r#"DELETE .../people/profile/{people_id}. Input: {"people_id"}"#;
                /// One page of people profiles, optionally searched and filtered; see `crisp_client::people::ListPeopleProfiles`.
                list => list_people_profiles(ListPeopleProfiles): paged(stream_people_profiles), website,
                    r#"GET .../people/profiles/{page}: one page of profiles, or "limit" of them. Input e.g. {"per_page": 50, "sort_field": "nickname", "sort_order": "ascending", "search_text": "acme"}"#;
            }
            visitors(Visitors): "Visitors currently on the website." {
                /// How many visitors are on the website now; see `crisp_client::visitors::CountVisitors`.
                count => count_visitors(CountVisitors): once, website,
                    "GET .../visitors/count. Input: {}";
                /// One page of the visitors on the website now; see `crisp_client::visitors::ListVisitors`.
                list => list_visitors(ListVisitors): paged(stream_visitors), website,
                    r#"GET .../visitors/list/{page}: one page of visitors, or "limit" of them. Input e.g. {"page": 2}"#;
            }
            websites(Websites): "Websites (workspaces)." {
                /// Whether a website with a domain exists; see `crisp_client::websites::CheckWebsiteExists`.
                exists => check_website_exists(CheckWebsiteExists): exists, global,
                    r#"HEAD /v1/website?domain=...: prints {"exists": true} or {"exists": false}. Input: {"domain": "acme.pt"}"#;
                /// One website (workspace); see `crisp_client::websites::GetWebsite`.
                get => get_website(GetWebsite): once, website,
                    "GET /v1/website/{website_id}. Input: {}";
                /// Creates a website (user tier only); see `crisp_client::websites::CreateWebsite`.
                create => create_website(CreateWebsite): once, global,
                    r#"POST /v1/website (user tier only). Input: {"body": {"name": "Acme Support", "domain": "acme.pt"}}"#;
                /// Schedules a website's deletion (user tier only), confirmed by `body.verify`; see
                /// `crisp_client::websites::DeleteWebsite`. The verify secret never appears in the error.
                delete => delete_website(DeleteWebsite): secret(body.verify.secret), website,
                    r#"DELETE /v1/website/{website_id} (user tier only). Input: {"body": {"verify": {"method": "password", "secret": "..."}}}"#;
            }
            operators(Operators): "Operators of the workspace." {
                /// The website's operators; see `crisp_client::operators::ListOperators`.
                list => list_operators(ListOperators): once, website,
                    "GET .../operators/list. Input: {}";
            }
            raw: "Any Crisp API route, by method and path." {
                /// Any Crisp API route, by method and path (never a full URL, so the key only reaches the connection's API host); see `crisp_client::raw::CallApi`.
                call => call_api(CallApi): raw, global,
                    r#"Any route: input {"method", "path", "query", "headers", "body"}; the path starts with /v1/"#;
            }
        }}
    };
    // Every consumer sees one shape: `section [Handler] "about" { [docs] verb [aliases] command Request [kind]
    // scope "help"; }`.
    (@rows $callback:ident {$(
        $section:ident $(($handler:ident))?: $about:literal {
            $(
                $(#[doc = $doc:literal])*
                $verb:ident $(| $alias:literal)* => $command:ident($request:ident):
                    $kind:ident $(($($kind_arg:tt)*))?, $scope:ident, $help:literal;
            )*
        }
    )*}) => {
        $callback! {$(
            $section [$($handler)?] $about {$(
                [$($doc)*] $verb [$($alias)*] $command $request [$kind $(($($kind_arg)*))?] $scope $help;
            )*}
        )*}
    };
}

use crate::client::Client;
use crate::error::Result;
use crate::request::Request;

/// One row of the operation table, as plain data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The API section (`conversations`), which is also the client module and the CLI's first word.
    pub section: &'static str,
    /// The client's verb (`change_state`).
    pub verb: &'static str,
    /// Older CLI spellings of the verb, still accepted.
    pub aliases: &'static [&'static str],
    /// The operation's name (`change_conversation_state`): the app's command.
    pub command: &'static str,
    /// The request type's name (`ChangeConversationState`).
    pub request: &'static str,
    /// The app's streaming command for a paged operation (`stream_conversations`).
    pub stream: Option<&'static str>,
    /// The CLI's one-line help.
    pub help: &'static str,
}

macro_rules! operation_list {
    ($($section:ident $handler:tt $about:literal {
        $($docs:tt $verb:ident $aliases:tt $command:ident $request:ident $kind:tt $scope:ident $help:literal;)*
    })*) => {
        $(operation_list! {
            @handler $handler $section $about $([$docs $verb $request $kind])*
        })*

        /// Every row of the table, in order.
        pub const OPERATIONS: &[Operation] = &[$($(
            Operation {
                section: stringify!($section),
                verb: stringify!($verb),
                aliases: &operation_list!(@list $aliases),
                command: stringify!($command),
                request: stringify!($request),
                stream: operation_list!(@stream $kind),
                help: $help,
            },
        )*)*];
    };
    // A section's handler, `client.<section>()`, with a method per operation named by its verb.
    (@handler [] $($rest:tt)*) => {};
    (@handler [$handler:ident] $section:ident $about:literal $([$($row:tt)*])*) => {
        #[doc = $about]
        #[doc = ""]
        #[doc = concat!("`client.", stringify!($section), "().<verb>(&request)`.")]
        #[derive(Debug, Clone, Copy)]
        pub struct $handler<'a> {
            client: &'a Client,
        }

        impl $handler<'_> {
            $(operation_list! { @method $section $($row)* })*
        }

        impl Client {
            #[doc = $about]
            pub fn $section(&self) -> $handler<'_> {
                $handler { client: self }
            }
        }
    };
    // A message send never lands twice: one try of a draft, see [`Client::send_message_once`].
    (@method $section:ident [$($doc:literal)*] $verb:ident $request:ident [draft]) => {
        $(#[doc = $doc])*
        pub async fn $verb(
            &self,
            request: crate::$section::$request,
        ) -> Result<<crate::$section::$request as Request>::Output> {
            self.client.send_message_once(request).await
        }
    };
    // The history is walked by `Client::message_history` and `Client::message_history_page`.
    (@method $section:ident $docs:tt $verb:ident $request:ident [history]) => {};
    (@method $section:ident $docs:tt $verb:ident $request:ident [raw]) => {};
    // One request: `once`, `paged` (one page; `Client::paginate` walks them), `exists`, `secret`.
    (@method $section:ident [$($doc:literal)*] $verb:ident $request:ident $kind:tt) => {
        $(#[doc = $doc])*
        pub async fn $verb(
            &self,
            request: &crate::$section::$request,
        ) -> Result<<crate::$section::$request as Request>::Output> {
            self.client.send(request).await
        }
    };
    (@stream [paged($stream:ident)]) => { Some(stringify!($stream)) };
    (@stream $kind:tt) => { None };
    (@list [$($word:literal)*]) => { [$($word),*] };
}

for_each_operation!(operation_list);

#[cfg(test)]
mod tests {
    use super::OPERATIONS;

    #[test]
    fn every_operation_and_cli_verb_is_named_once() {
        let mut commands: Vec<_> = OPERATIONS.iter().map(|o| o.command).collect();
        commands.sort_unstable();
        commands.dedup();
        assert_eq!(
            commands.len(),
            OPERATIONS.len(),
            "one command per operation"
        );
        for operation in OPERATIONS {
            let spellings = OPERATIONS
                .iter()
                .filter(|o| o.section == operation.section)
                .flat_map(|o| std::iter::once(o.verb).chain(o.aliases.iter().copied()))
                .filter(|word| *word == operation.verb || operation.aliases.contains(word))
                .count();
            assert_eq!(
                spellings,
                1 + operation.aliases.len(),
                "{} {}: no other operation of the section answers to its words",
                operation.section,
                operation.verb
            );
        }
    }
}
