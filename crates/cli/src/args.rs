//! The command line: a subcommand per domain word, an operation word under it, and the connection flags.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::operation::Operation;

/// `crispdesk`: call the Crisp REST API v1 from a shell, one JSON object in, Crisp's `data` out.
#[derive(Debug, Parser)]
#[command(
    name = "crispdesk",
    version,
    about,
    after_help = "Input: one JSON object with Crisp's own names: path parameters (session_id, fingerprint, \
people_id, page, ...), query parameters by their query names (per_page, search_query, filter_unread, ...; flags as \
JSON booleans), the request body under \"body\", and optionally \"limit\" on paged operations.\n\n\
Example:\n  echo '{\"session_id\":\"session_...\",\"body\":{\"type\":\"text\",\"from\":\"operator\",\
\"origin\":\"chat\",\"content\":\"Hi\"}}' | crispdesk messages send --json -\n\n\
Environment (flags of the same name override it): CRISP_IDENTIFIER and CRISP_KEY (the token), CRISP_TIER \
(user, plugin or website; default user), CRISP_WEBSITE_ID (used when the input has no website_id), CRISP_API_BASE \
(default https://api.crisp.chat).\n\n\
The key is never a flag, which would stay in the shell's history: it comes from CRISP_KEY, or with --key-stdin \
from the first line of stdin (the input then goes inline with --json '{...}').\n\n\
No account at hand? `crispdesk sandbox --background --env-file sandbox.env` starts a local Crisp and writes the \
values to use (`source sandbox.env`).\n\n\
Exit codes: 0 success, 1 API or network error, 2 bad input."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The top-level words: the API sections, `raw`, and the local tools.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Conversations of the workspace.
    Conversations {
        /// The operation.
        #[command(subcommand)]
        operation: Conversations,
    },
    /// Messages inside one conversation.
    Messages {
        /// The operation.
        #[command(subcommand)]
        operation: Messages,
    },
    /// People profiles (the contacts of the workspace).
    People {
        /// The operation.
        #[command(subcommand)]
        operation: People,
    },
    /// Visitors currently on the website.
    Visitors {
        /// The operation.
        #[command(subcommand)]
        operation: Visitors,
    },
    /// Websites (workspaces).
    Websites {
        /// The operation.
        #[command(subcommand)]
        operation: Websites,
    },
    /// Operators of the workspace.
    Operators {
        /// The operation.
        #[command(subcommand)]
        operation: Operators,
    },
    /// Any route: input {"method", "path", "query", "headers", "body"}; the path starts with /v1/.
    Raw(Call),
    /// Runs a local Crisp sandbox and prints how to reach it as one JSON line; runs until stopped (with
    /// --background, in a process of its own).
    Sandbox(SandboxArgs),
    /// Prints the connection's live events (Crisp's real-time socket, or --poll) as JSON lines until Ctrl+C.
    Events(EventsArgs),
}

/// `crispdesk conversations <operation>`.
#[derive(Debug, Subcommand)]
pub enum Conversations {
    /// POST /v1/website/{website_id}/conversation: starts an empty conversation. Input: {}.
    Create(Call),
    /// GET /v1/website/{website_id}/conversations/{page}: one page of conversations, or "limit" of them.
    /// Input e.g. {"page": 1, "per_page": 50, "search_query": "refund", "filter_not_resolved": true}.
    Search(Call),
    /// GET /v1/website/{website_id}/conversation/{session_id}. Input: {"session_id"}.
    Get(Call),
    /// DELETE /v1/website/{website_id}/conversation/{session_id}. Input: {"session_id"}.
    Remove(Call),
    /// PATCH .../conversation/{session_id}/state. Input: {"session_id", "body": {"state": "resolved"}}.
    State(Call),
    /// GET .../conversation/{session_id}/meta. Input: {"session_id"}.
    Meta(Call),
    /// PATCH .../conversation/{session_id}/meta. Input: {"session_id", "body": {"nickname": "Ana"}}.
    UpdateMeta(Call),
    /// PATCH .../conversation/{session_id}/read. Input: {"session_id", "body": {"from": "operator", "origin": "chat"}}.
    Read(Call),
}

/// `crispdesk messages <operation>`.
#[derive(Debug, Subcommand)]
pub enum Messages {
    /// GET .../conversation/{session_id}/messages: the latest batch, or with "limit" history back to the start.
    /// Input e.g. {"session_id", "timestamp_before": 1721459038274}.
    List(Call),
    /// POST .../conversation/{session_id}/message. Input: {"session_id", "body": {"type": "text", "from":
    /// "operator", "origin": "chat", "content": "Hi"}}.
    Send(Call),
    /// GET .../conversation/{session_id}/message/{fingerprint}. Input: {"session_id", "fingerprint"}.
    Get(Call),
    /// PATCH .../conversation/{session_id}/message/{fingerprint}. Input: {"session_id", "fingerprint", "body":
    /// {"content": "..."}}.
    Update(Call),
}

/// `crispdesk people <operation>`.
#[derive(Debug, Subcommand)]
pub enum People {
    /// POST .../people/profile. Input: {"body": {"email": "ana@example.com", "person": {"nickname": "Ana"}}}.
    Add(Call),
    /// GET .../people/profile/{people_id}. Input: {"people_id"}.
    Get(Call),
    /// PATCH .../people/profile/{people_id}: changes only the fields sent. Input: {"people_id", "body": {...}}.
    Update(Call),
    /// DELETE .../people/profile/{people_id}. Input: {"people_id"}.
    Remove(Call),
    /// GET .../people/profiles/{page}: one page of profiles, or "limit" of them.
    /// Input e.g. {"per_page": 50, "sort_field": "nickname", "sort_order": "ascending", "search_text": "acme"}.
    List(Call),
}

/// `crispdesk visitors <operation>`.
#[derive(Debug, Subcommand)]
pub enum Visitors {
    /// GET .../visitors/count. Input: {}.
    Count(Call),
    /// GET .../visitors/list/{page}: one page of visitors, or "limit" of them. Input e.g. {"page": 2}.
    List(Call),
}

/// `crispdesk websites <operation>`.
#[derive(Debug, Subcommand)]
pub enum Websites {
    /// HEAD /v1/website?domain=...: prints {"exists": true} or {"exists": false}. Input: {"domain": "acme.pt"}.
    Exists(Call),
    /// GET /v1/website/{website_id}. Input: {}.
    Get(Call),
    /// POST /v1/website (user tier only). Input: {"body": {"name": "Acme Support", "domain": "acme.pt"}}.
    Create(Call),
    /// DELETE /v1/website/{website_id} (user tier only). Input: {"body": {"verify": {"method": "password",
    /// "secret": "..."}}}.
    Delete(Call),
}

/// `crispdesk operators <operation>`.
#[derive(Debug, Subcommand)]
pub enum Operators {
    /// GET .../operators/list. Input: {}.
    List(Call),
}

/// What every API call takes: the input object and the connection.
#[derive(Debug, Args)]
pub struct Call {
    /// The input: one JSON object, or `-` to read it from stdin. Absent means `{}`.
    #[arg(long, value_name = "JSON|-")]
    pub json: Option<String>,
    /// Credentials, tier, workspace and host.
    #[command(flatten)]
    pub connection: ConnectionArgs,
}

/// Credentials and host, from the environment unless a flag overrides them.
#[derive(Debug, Args)]
pub struct ConnectionArgs {
    /// Token identifier.
    #[arg(long, env = "CRISP_IDENTIFIER", hide_env_values = true)]
    pub identifier: Option<String>,
    /// Read the token key from the first line of stdin instead of CRISP_KEY (never printed).
    #[arg(long)]
    pub key_stdin: bool,
    /// Refused with a pointer to CRISP_KEY and --key-stdin: a key typed as a flag stays in the shell's history.
    #[arg(long = "key", hide = true, num_args = 0..=1, default_missing_value = "", value_parser = refuse_key)]
    pub refused_key: Option<RefusedKey>,
    /// Token tier: `user` for keys from Crisp's token generator, `plugin` for Marketplace tokens, `website` for
    /// workspace API tokens.
    #[arg(long, env = "CRISP_TIER", value_enum, default_value_t = TierArg::User)]
    pub tier: TierArg,
    /// Workspace (website) ID, used when the input has no `website_id`.
    #[arg(long, env = "CRISP_WEBSITE_ID")]
    pub website_id: Option<String>,
    /// API host as scheme://host[:port]; a trailing `/` or `/v1` is ignored.
    #[arg(long, env = "CRISP_API_BASE", default_value = "https://api.crisp.chat")]
    pub api_base: String,
}

/// A `--key` flag that was given: only that fact is kept, never the value.
#[derive(Clone, Copy)]
pub struct RefusedKey;

impl fmt::Debug for RefusedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RefusedKey(<redacted>)")
    }
}

/// Drops whatever followed `--key`, so the value cannot reach a message or a log.
fn refuse_key(_value: &str) -> Result<RefusedKey, std::convert::Infallible> {
    Ok(RefusedKey)
}

/// The token tier as a flag value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TierArg {
    /// An operator's own keypair (token generator).
    User,
    /// A Marketplace plugin token.
    Plugin,
    /// A workspace API token.
    Website,
}

/// `crispdesk sandbox`: the local Crisp, for trying the CLI and the app without an account.
#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:0")]
    pub listen: SocketAddr,
    /// Token identifier the sandbox accepts (random when absent).
    #[arg(long)]
    pub identifier: Option<String>,
    /// Read the token key the sandbox accepts from the first line of stdin (random without this flag).
    #[arg(long)]
    pub key_stdin: bool,
    /// Refused, as for the API commands: no key is ever typed as a flag, not even a sandbox's.
    #[arg(long = "key", hide = true, num_args = 0..=1, default_missing_value = "", value_parser = refuse_key)]
    pub refused_key: Option<RefusedKey>,
    /// Workspace ID of the seeded website (random when absent).
    #[arg(long)]
    pub website_id: Option<String>,
    /// Tier the token belongs to.
    #[arg(long, value_enum, default_value_t = TierArg::User)]
    pub tier: TierArg,
    /// Keep the data moving: visitors come and go and write new messages.
    #[arg(long)]
    pub live: bool,
    /// Seeded conversations.
    #[arg(long)]
    pub conversations: Option<usize>,
    /// Seeded people profiles.
    #[arg(long)]
    pub people: Option<usize>,
    /// Seed for the generated data (same seed, same data).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Return once the sandbox is serving: print the JSON line (with its `pid`) and leave the sandbox running in a
    /// process of its own, its output discarded; `kill PID` stops it.
    #[arg(long)]
    pub background: bool,
    /// Also write the values as `export CRISP_...=...` lines a shell can `source` (with CRISP_SANDBOX_PID),
    /// readable by the owner only; written before the JSON line is printed.
    #[arg(long, value_name = "PATH")]
    pub env_file: Option<PathBuf>,
    /// Internal: this process was started by --background (it ignores SIGHUP).
    #[arg(long, hide = true, conflicts_with = "background")]
    pub detached: bool,
}

/// `crispdesk events`: print the connection's events as they happen.
#[derive(Debug, Args)]
pub struct EventsArgs {
    /// The connection.
    #[command(flatten)]
    pub connection: ConnectionArgs,
    /// Only these events (comma-separated socket event names, e.g. message:send,session:set_state; with
    /// --poll, monitor kinds such as visitor_message_received); all inbox events when absent.
    #[arg(long, value_delimiter = ',')]
    pub events: Vec<String>,
    /// Poll the REST API (the monitor the app uses without a socket) instead of the real-time socket.
    #[arg(long)]
    pub poll: bool,
}

/// What a parsed command line asks for.
#[derive(Debug)]
pub enum Action {
    /// One API operation.
    Api(Operation, Call),
    /// Run the sandbox.
    Sandbox(SandboxArgs),
    /// Print live events.
    Events(EventsArgs),
}

impl Command {
    /// The API operation and its call arguments, or the local tool to run.
    pub fn into_action(self) -> Action {
        use Operation as O;
        let (operation, call) = match self {
            Command::Conversations { operation } => match operation {
                Conversations::Create(c) => (O::CreateConversation, c),
                Conversations::Search(c) => (O::SearchConversations, c),
                Conversations::Get(c) => (O::GetConversation, c),
                Conversations::Remove(c) => (O::RemoveConversation, c),
                Conversations::State(c) => (O::ChangeConversationState, c),
                Conversations::Meta(c) => (O::GetConversationMeta, c),
                Conversations::UpdateMeta(c) => (O::UpdateConversationMeta, c),
                Conversations::Read(c) => (O::MarkMessagesRead, c),
            },
            Command::Messages { operation } => match operation {
                Messages::List(c) => (O::ListMessages, c),
                Messages::Send(c) => (O::SendMessage, c),
                Messages::Get(c) => (O::GetMessage, c),
                Messages::Update(c) => (O::UpdateMessage, c),
            },
            Command::People { operation } => match operation {
                People::Add(c) => (O::AddPeopleProfile, c),
                People::Get(c) => (O::GetPeopleProfile, c),
                People::Update(c) => (O::UpdatePeopleProfile, c),
                People::Remove(c) => (O::RemovePeopleProfile, c),
                People::List(c) => (O::ListPeopleProfiles, c),
            },
            Command::Visitors { operation } => match operation {
                Visitors::Count(c) => (O::CountVisitors, c),
                Visitors::List(c) => (O::ListVisitors, c),
            },
            Command::Websites { operation } => match operation {
                Websites::Exists(c) => (O::CheckWebsiteExists, c),
                Websites::Get(c) => (O::GetWebsite, c),
                Websites::Create(c) => (O::CreateWebsite, c),
                Websites::Delete(c) => (O::DeleteWebsite, c),
            },
            Command::Operators { operation } => match operation {
                Operators::List(c) => (O::ListOperators, c),
            },
            Command::Raw(c) => (O::CallApi, c),
            Command::Sandbox(args) => return Action::Sandbox(args),
            Command::Events(args) => return Action::Events(args),
        };
        Action::Api(operation, call)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
