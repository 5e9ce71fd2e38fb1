//! The command line: a subcommand per domain word, an operation word under it, and the connection flags.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{ArgMatches, Args, FromArgMatches, Parser, Subcommand, ValueEnum};

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
    /// `<section> <verb>` or `raw`: one API operation.
    #[command(flatten)]
    Api(ApiCall),
    /// Runs a local Crisp sandbox and prints how to reach it as one JSON line; runs until stopped (with
    /// --background, in a process of its own).
    Sandbox(SandboxArgs),
    /// Prints the connection's live events (Crisp's real-time socket, or --poll) as JSON lines until Ctrl+C.
    Events(EventsArgs),
}

/// One API operation and its call arguments, parsed from `<section> <verb>` (or `raw`). The words come from the
/// operation table: each section's verbs are the client's (`conversations change-state`), older spellings
/// (`conversations state`) are aliases.
#[derive(Debug)]
pub struct ApiCall {
    /// The operation named.
    pub operation: Operation,
    /// Its input and connection.
    pub call: Call,
}

impl Operation {
    /// The verb as the CLI spells it (`change-state`).
    fn cli_verb(self) -> String {
        self.verb().replace('_', "-")
    }
}

/// A section's or operation's help as clap shows a one-paragraph doc comment: without its final period.
fn about(text: &'static str) -> &'static str {
    text.strip_suffix('.').unwrap_or(text)
}

/// The subcommand that runs `operation`: the call arguments under `name`, with its one-word aliases.
fn operation_command(name: impl Into<clap::builder::Str>, operation: Operation) -> clap::Command {
    Call::augment_args(clap::Command::new(name))
        .about(about(operation.help()))
        .long_about(None)
        .aliases(
            operation
                .aliases()
                .iter()
                .copied()
                .filter(|alias| !alias.contains(' ')),
        )
}

/// The operation's nested spellings: each two-word alias (`"batch resolve"`) as `(group, verb)`.
fn nested_words(operation: Operation) -> impl Iterator<Item = (&'static str, &'static str)> {
    operation
        .aliases()
        .iter()
        .filter_map(|alias| alias.split_once(' '))
}

/// The section's nested verb groups (`conversations batch <verb>`), each with its operations, in table order.
fn nested_groups<'a>(
    operations: impl Iterator<Item = &'a Operation>,
) -> Vec<(&'static str, Vec<(&'static str, Operation)>)> {
    let mut groups: Vec<(&'static str, Vec<(&'static str, Operation)>)> = Vec::new();
    for &operation in operations {
        for (group, word) in nested_words(operation) {
            match groups.iter_mut().find(|(name, _)| *name == group) {
                Some((_, words)) => words.push((word, operation)),
                None => groups.push((group, vec![(word, operation)])),
            }
        }
    }
    groups
}

impl Subcommand for ApiCall {
    fn augment_subcommands(mut cli: clap::Command) -> clap::Command {
        for &(section, what) in Operation::SECTIONS {
            let operations = Operation::ALL.iter().filter(|o| o.section() == section);
            let command = match operations.clone().find(|o| o.is_raw()) {
                Some(&raw) => operation_command(section, raw),
                None => {
                    let flat = operations.clone().fold(
                        clap::Command::new(section)
                            .about(about(what))
                            .subcommand_required(true)
                            .arg_required_else_help(true),
                        |command, &operation| {
                            command.subcommand(operation_command(operation.cli_verb(), operation))
                        },
                    );
                    nested_groups(operations)
                        .into_iter()
                        .fold(flat, |command, (group, words)| {
                            let verbs: Vec<_> = words.iter().map(|(word, _)| *word).collect();
                            let nested = words.into_iter().fold(
                                clap::Command::new(group)
                                    .about(format!(
                                        "{group} <{}>: the {group}-<verb> operations",
                                        verbs.join("|")
                                    ))
                                    .subcommand_required(true)
                                    .arg_required_else_help(true),
                                |nested, (word, operation)| {
                                    nested.subcommand(operation_command(word, operation))
                                },
                            );
                            command.subcommand(nested)
                        })
                }
            };
            cli = cli.subcommand(command);
        }
        cli
    }

    fn augment_subcommands_for_update(cli: clap::Command) -> clap::Command {
        Self::augment_subcommands(cli)
    }

    fn has_subcommand(name: &str) -> bool {
        Operation::SECTIONS
            .iter()
            .any(|&(section, _)| section == name)
    }
}

impl FromArgMatches for ApiCall {
    fn from_arg_matches_mut(matches: &mut ArgMatches) -> Result<Self, clap::Error> {
        let missing = || clap::Error::new(clap::error::ErrorKind::MissingSubcommand);
        let (section, mut section_matches) = matches.remove_subcommand().ok_or_else(missing)?;
        let in_section = |o: &&Operation| o.section() == section;
        let (operation, mut args) = match Operation::ALL
            .iter()
            .filter(in_section)
            .find(|o| o.is_raw())
        {
            Some(&raw) => (raw, section_matches),
            None => {
                let (verb, mut args) = section_matches.remove_subcommand().ok_or_else(missing)?;
                let invalid = || clap::Error::new(clap::error::ErrorKind::InvalidSubcommand);
                match Operation::ALL
                    .iter()
                    .filter(in_section)
                    .find(|o| o.cli_verb() == verb)
                {
                    Some(&operation) => (operation, args),
                    None => {
                        // A nested verb: `<group> <word>`, spelled by a two-word alias.
                        let (word, nested) = args.remove_subcommand().ok_or_else(missing)?;
                        let operation = Operation::ALL
                            .iter()
                            .filter(in_section)
                            .find(|o| {
                                nested_words(**o).any(|pair| pair == (verb.as_str(), word.as_str()))
                            })
                            .ok_or_else(invalid)?;
                        (*operation, nested)
                    }
                }
            }
        };
        Ok(ApiCall {
            operation,
            call: Call::from_arg_matches_mut(&mut args)?,
        })
    }

    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        Self::from_arg_matches_mut(&mut matches.clone())
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
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
        match self {
            Command::Api(ApiCall { operation, call }) => Action::Api(operation, call),
            Command::Sandbox(args) => Action::Sandbox(args),
            Command::Events(args) => Action::Events(args),
        }
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

    #[test]
    fn every_operation_answers_to_the_clients_verb_and_to_its_old_spellings() {
        for &operation in Operation::ALL {
            let section = operation.section();
            let words: Vec<Vec<String>> = if operation.is_raw() {
                vec![vec![section.to_owned()]]
            } else {
                std::iter::once(operation.cli_verb())
                    .chain(operation.aliases().iter().map(|alias| (*alias).to_owned()))
                    .map(|verb| {
                        std::iter::once(section.to_owned())
                            .chain(verb.split(' ').map(str::to_owned))
                            .collect()
                    })
                    .collect()
            };
            for words in words {
                let cli = Cli::try_parse_from(
                    std::iter::once("crispdesk".to_owned()).chain(words.clone()),
                )
                .unwrap_or_else(|error| panic!("`crispdesk {}` parses: {error}", words.join(" ")));
                match cli.command.into_action() {
                    Action::Api(parsed, _) => {
                        assert_eq!(parsed, operation, "`{}`", words.join(" "))
                    }
                    Action::Sandbox(_) | Action::Events(_) => {
                        panic!("`{}` is an API operation", words.join(" "))
                    }
                }
            }
        }
    }

    #[test]
    fn the_help_lists_the_clients_verbs() {
        let cli = Cli::command();
        let conversations = cli
            .find_subcommand("conversations")
            .expect("the conversations section");
        let verbs: Vec<_> = conversations
            .get_subcommands()
            .map(|c| c.get_name())
            .collect();
        assert_eq!(
            verbs,
            [
                "create",
                "search",
                "get",
                "remove",
                "change-state",
                "get-meta",
                "update-meta",
                "mark-read",
                "get-routing",
                "assign",
                "batch-resolve",
                "batch-unresolve",
                "batch-read",
                "batch-unread",
                "batch-remove",
                "batch-assign",
                "batch"
            ],
            "the help names each operation by the client's verb, and the nested `batch` group"
        );
        let batch: Vec<_> = conversations
            .find_subcommand("batch")
            .expect("the batch group")
            .get_subcommands()
            .map(|c| c.get_name())
            .collect();
        assert_eq!(
            batch,
            ["resolve", "unresolve", "read", "unread", "remove", "assign"],
            "`conversations batch <action>` names each batch action"
        );
    }
}
