//! The client for one call, from the connection flags and environment; the key only from `CRISP_KEY` or stdin.

use std::io::BufRead;
use std::time::Duration;

use crisp_client::{ApiKey, Client, ClientConfig, Credentials, Tier};

use crate::args::{ConnectionArgs, TierArg};
use crate::failure::Failure;

/// Crisp's official clients give up after 10 s; so do we.
const TIMEOUT: Duration = Duration::from_secs(10);

/// Why a key is never taken as a flag, for every message that refuses one.
pub const NO_KEY_FLAG: &str =
    "a key typed as a flag stays in the shell's history and shows in the process \
list: set CRISP_KEY, or pass --key-stdin and write the key as the first line of stdin";

/// The token key: with `--key-stdin` the first line of `stdin`, otherwise `CRISP_KEY` (`env_key`). A `--key`
/// flag is refused, and so is `--key-stdin` when the input is to come from stdin too (`json` is `-`).
pub fn key(
    args: &ConnectionArgs,
    json: Option<&str>,
    env_key: Option<String>,
    stdin: impl BufRead,
) -> Result<String, Failure> {
    if args.refused_key.is_some() {
        return Err(Failure::input("--key", format!("refused: {NO_KEY_FLAG}")));
    }
    if args.key_stdin {
        if json == Some("-") {
            return Err(Failure::input(
                "--key-stdin",
                "cannot share stdin with --json -: give the input inline (--json '{...}') or the key in CRISP_KEY",
            ));
        }
        return read_key_line(stdin, "--key-stdin");
    }
    match env_key {
        Some(key) if !key.is_empty() => Ok(key),
        _ => Err(Failure::input(
            "key",
            "missing: set CRISP_KEY, or pass --key-stdin and write the key as the first line of stdin",
        )),
    }
}

/// The first line of `stdin`, without its line ending; an empty line is bad input at `flag`.
pub fn read_key_line(mut stdin: impl BufRead, flag: &str) -> Result<String, Failure> {
    let mut line = String::new();
    stdin.read_line(&mut line).map_err(|error| {
        Failure::input(flag, format!("could not read the key from stdin: {error}"))
    })?;
    let key = line.trim_end_matches(['\n', '\r']);
    if key.is_empty() {
        return Err(Failure::input(
            flag,
            "the first line of stdin is empty: it must hold the key",
        ));
    }
    Ok(key.to_owned())
}

/// A client for the token and host in `args` with `key`; a missing identifier is bad input.
pub fn client(args: &ConnectionArgs, key: String) -> Result<Client, Failure> {
    Ok(Client::new(config(args, key)?)?)
}

/// The client configuration for the token and host in `args` with `key`; a missing identifier is bad input.
pub fn config(args: &ConnectionArgs, key: String) -> Result<ClientConfig, Failure> {
    let identifier = required(
        args.identifier.as_deref(),
        "--identifier",
        "CRISP_IDENTIFIER",
    )?;
    let config = ClientConfig {
        base_url: args.api_base.clone(),
        credentials: Credentials {
            identifier,
            key: ApiKey::from(key),
            tier: args.tier.into(),
        },
        timeout: TIMEOUT,
        user_agent: format!("crisp-desk/{} (crispdesk)", env!("CARGO_PKG_VERSION")),
    };
    Ok(config)
}

fn required(value: Option<&str>, flag: &str, variable: &str) -> Result<String, Failure> {
    match value {
        Some(value) if !value.is_empty() => Ok(value.to_owned()),
        _ => Err(Failure::input(
            flag,
            format!("missing: set {variable} or pass {flag}"),
        )),
    }
}

impl From<TierArg> for Tier {
    fn from(tier: TierArg) -> Self {
        match tier {
            TierArg::User => Tier::User,
            TierArg::Plugin => Tier::Plugin,
            TierArg::Website => Tier::Website,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::Cli;
    use clap::Parser;

    fn connection(flags: &[&str]) -> ConnectionArgs {
        let cli = Cli::try_parse_from(["crispdesk", "operators", "list"].iter().chain(flags))
            .expect("the flags parse");
        match cli.command.into_action() {
            crate::args::Action::Api(_, call) => call.connection,
            crate::args::Action::Sandbox(_) | crate::args::Action::Events(_) => {
                unreachable!("an API command")
            }
        }
    }

    #[test]
    fn the_key_comes_from_the_first_line_of_stdin_with_key_stdin() {
        let args = connection(&["--key-stdin"]);
        let key = key(
            &args,
            None,
            Some("from-env".to_owned()),
            &b"from-stdin\r\nmore"[..],
        )
        .expect("a key on the first line");
        assert_eq!(
            key, "from-stdin",
            "the flag asks for stdin, so it wins over CRISP_KEY, and the line ending is not part of the key"
        );
    }

    #[test]
    fn an_empty_first_line_is_bad_input() {
        let args = connection(&["--key-stdin"]);
        let failure = key(&args, None, None, &b"\n"[..]).expect_err("no key");
        assert_eq!(failure.exit_code(), 2, "a missing key is bad input");
    }

    #[test]
    fn a_key_flag_is_refused_without_showing_its_value() {
        let args = connection(&["--key=hunter2"]);
        let failure = key(&args, None, Some("env".to_owned()), &b""[..]).expect_err("refused");
        let text = failure.report();
        assert!(
            text.contains("CRISP_KEY") && text.contains("--key-stdin"),
            "the refusal says where the key goes instead: {text}"
        );
        assert!(
            !text.contains("hunter2") && !format!("{args:?}").contains("hunter2"),
            "the refused value is dropped at parse time"
        );
    }
}
