//! `crispdesk sandbox`: runs the local Crisp until SIGINT or SIGTERM, after printing how to reach it; with
//! `--background` in a process of its own, so a shell script goes on once the line is printed.

use std::fs::{OpenOptions, Permissions};
use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};

use crisp_sandbox::{SandboxConfig, SandboxInfo, Tier};
use tokio::signal::unix::{signal, Signal, SignalKind};

use crate::args::{SandboxArgs, TierArg};
use crate::connection::{read_key_line, NO_KEY_FLAG};
use crate::failure::Failure;

/// Starts the sandbox, writes the `--env-file`, prints its `SandboxInfo` and `pid` as one JSON line, and serves
/// until stopped.
pub async fn run(args: SandboxArgs) -> Result<(), Failure> {
    let key = key(&args)?;
    let mut terminate = signal(SignalKind::terminate())
        .map_err(|error| Failure::Local(format!("could not watch for SIGTERM: {error}")))?;
    // Started by --background: the terminal that started it closing is no reason to stop.
    let mut hangup = if args.detached {
        Some(
            signal(SignalKind::hangup())
                .map_err(|error| Failure::Local(format!("could not watch for SIGHUP: {error}")))?,
        )
    } else {
        None
    };
    let env_file = args.env_file.clone();
    let sandbox = crisp_sandbox::spawn(config(args, key))
        .await
        .map_err(|error| Failure::Local(format!("could not start the sandbox: {error}")))?;
    let info = sandbox.info();
    let pid = std::process::id();
    if let Some(path) = &env_file {
        write_env_file(path, &info, pid)?;
    }
    let mut line = serde_json::to_value(&info).map_err(|error| {
        Failure::Local(format!("could not print the sandbox's address: {error}"))
    })?;
    line["pid"] = pid.into();
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")
        .and_then(|()| out.flush())
        .map_err(|error| Failure::Local(format!("could not write to stdout: {error}")))?;
    drop(out);
    if std::io::stderr().is_terminal() {
        // For a person at a terminal: stdout stays the one JSON line that scripts read.
        let _ = writeln!(
            std::io::stderr(),
            "crispdesk sandbox: a local Crisp at {} (Ctrl-C stops it). In another shell:\n  \
             export CRISP_API_BASE={} CRISP_IDENTIFIER={} CRISP_KEY={} CRISP_TIER={} CRISP_WEBSITE_ID={}\n  \
             crispdesk conversations search --json '{{\"per_page\": 20}}'\n\
             (`crispdesk sandbox --background --env-file sandbox.env` returns at once instead.)",
            info.base_url, info.base_url, info.identifier, info.key, info.tier, info.website_id
        );
    }
    loop {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => break,
            _ = terminate.recv() => break,
            () = next(&mut hangup) => {}
        }
    }
    tracing::info!("stopping the sandbox");
    sandbox.shutdown().await;
    Ok(())
}

/// The next signal of `stream`, or never.
async fn next(stream: &mut Option<Signal>) {
    match stream {
        Some(stream) => {
            stream.recv().await;
        }
        None => std::future::pending().await,
    }
}

/// `--background`: starts `crispdesk sandbox --detached` with the same flags, in a process group of its own (a
/// Ctrl-C at the terminal does not reach it) with stdin closed and stdout and stderr piped to this process; prints
/// the line it prints and returns, leaving it serving. Nothing of the caller's stdout or stderr stays open in it,
/// so `$(crispdesk sandbox --background)` and pipes end.
pub fn start_in_background(args: SandboxArgs) -> Result<(), Failure> {
    let key = key(&args)?;
    let executable = std::env::current_exe()
        .map_err(|error| Failure::Local(format!("could not find crispdesk itself: {error}")))?;
    let mut child = Command::new(executable)
        .arg("sandbox")
        .arg("--detached")
        .args(forwarded(&args, key.is_some()))
        .stdin(if key.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .map_err(|error| Failure::Local(format!("could not start the sandbox: {error}")))?;
    if let (Some(key), Some(mut stdin)) = (key, child.stdin.take()) {
        // The key goes through a pipe, never through the child's arguments; dropping `stdin` closes it.
        writeln!(stdin, "{key}").map_err(|error| {
            Failure::Local(format!("could not hand the key to the sandbox: {error}"))
        })?;
    }
    let mut line = String::new();
    if let Some(stdout) = child.stdout.take() {
        let _ = BufReader::new(stdout).read_line(&mut line);
    }
    if line.ends_with('\n') {
        let mut out = std::io::stdout().lock();
        return out
            .write_all(line.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|error| Failure::Local(format!("could not write to stdout: {error}")));
    }
    // No line: it stopped before serving, and its own message says why.
    let mut reason = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        let _ = stderr.read_to_string(&mut reason);
    }
    let status = child
        .wait()
        .map(|status| status.to_string())
        .unwrap_or_else(|error| error.to_string());
    Err(Failure::Local(format!(
        "the sandbox stopped before serving ({status}): {}",
        reason.trim().trim_start_matches("error: ")
    )))
}

/// The flags of `args` for the detached process (`--key-stdin` when the key goes through its stdin).
fn forwarded(args: &SandboxArgs, key_stdin: bool) -> Vec<String> {
    let mut flags = vec![
        "--listen".to_owned(),
        args.listen.to_string(),
        "--tier".to_owned(),
        tier(args.tier).as_str().to_owned(),
    ];
    let options = [
        ("--identifier", args.identifier.clone()),
        ("--website-id", args.website_id.clone()),
        ("--conversations", args.conversations.map(|n| n.to_string())),
        ("--people", args.people.map(|n| n.to_string())),
        ("--seed", args.seed.map(|n| n.to_string())),
        (
            "--env-file",
            args.env_file
                .as_ref()
                .map(|path| path.to_string_lossy().into_owned()),
        ),
    ];
    for (flag, value) in options {
        if let Some(value) = value {
            flags.extend([flag.to_owned(), value]);
        }
    }
    if args.live {
        flags.push("--live".to_owned());
    }
    if key_stdin {
        flags.push("--key-stdin".to_owned());
    }
    flags
}

/// The key the sandbox is to accept: from stdin's first line with `--key-stdin`, random otherwise. A `--key`
/// flag is refused for the sandbox too: one rule for every `crispdesk` command, so no habit of typing keys forms.
fn key(args: &SandboxArgs) -> Result<Option<String>, Failure> {
    if args.refused_key.is_some() {
        return Err(Failure::input(
            "--key",
            format!("refused: {NO_KEY_FLAG}; without a key the sandbox picks a random one"),
        ));
    }
    if !args.key_stdin {
        return Ok(None);
    }
    read_key_line(std::io::stdin().lock(), "--key-stdin").map(Some)
}

/// Writes `export NAME='value'` lines for the sandbox at `info` served by process `pid`, readable by the owner
/// only (the file holds the key).
fn write_env_file(path: &Path, info: &SandboxInfo, pid: u32) -> Result<(), Failure> {
    let failed = |error: std::io::Error| {
        Failure::input(
            "--env-file",
            format!("could not write {}: {error}", path.display()),
        )
    };
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .map_err(failed)?;
    // `mode` applies to a new file only; an older one keeps its mode unless set again.
    file.set_permissions(Permissions::from_mode(0o600))
        .map_err(failed)?;
    file.write_all(env_lines(info, pid).as_bytes())
        .and_then(|()| file.flush())
        .map_err(failed)
}

/// The env file's text: a comment, then one `export` line per variable, values single-quoted for the shell.
fn env_lines(info: &SandboxInfo, pid: u32) -> String {
    let mut text = String::from(
        "# Written by `crispdesk sandbox`: `source` this file; `kill \"$CRISP_SANDBOX_PID\"` stops the sandbox.\n",
    );
    for (name, value) in [
        ("CRISP_API_BASE", info.base_url.clone()),
        ("CRISP_IDENTIFIER", info.identifier.clone()),
        ("CRISP_KEY", info.key.clone()),
        ("CRISP_WEBSITE_ID", info.website_id.clone()),
        ("CRISP_TIER", info.tier.as_str().to_owned()),
        ("CRISP_SANDBOX_PID", pid.to_string()),
    ] {
        text.push_str(&format!("export {name}={}\n", shell_quote(&value)));
    }
    text
}

/// `value` as one single-quoted shell word.
fn shell_quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

fn tier(tier: TierArg) -> Tier {
    match tier {
        TierArg::User => Tier::User,
        TierArg::Plugin => Tier::Plugin,
        TierArg::Website => Tier::Website,
    }
}

fn config(args: SandboxArgs, key: Option<String>) -> SandboxConfig {
    let defaults = SandboxConfig::default();
    SandboxConfig {
        listen: args.listen,
        identifier: args.identifier.or(defaults.identifier),
        key: key.or(defaults.key),
        website_id: args.website_id.or(defaults.website_id),
        tier: tier(args.tier),
        live: args.live,
        conversations: args.conversations.unwrap_or(defaults.conversations),
        people: args.people.unwrap_or(defaults.people),
        seed: args.seed.unwrap_or(defaults.seed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_lines_quote_every_value_for_the_shell() {
        let info = SandboxInfo {
            base_url: "http://127.0.0.1:4100".to_owned(),
            identifier: "it's me".to_owned(),
            key: "k$(x)".to_owned(),
            website_id: "w".to_owned(),
            tier: Tier::Plugin,
        };
        let text = env_lines(&info, 42);
        assert!(
            text.contains("export CRISP_IDENTIFIER='it'\\''s me'\n"),
            "a quote inside a value is closed, escaped and reopened: {text}"
        );
        assert!(
            text.contains("export CRISP_KEY='k$(x)'\n"),
            "nothing in a value is expanded by the shell: {text}"
        );
        assert!(
            text.contains("export CRISP_TIER='plugin'\n")
                && text.contains("export CRISP_SANDBOX_PID='42'\n"),
            "the tier and the process to stop are there: {text}"
        );
    }
}
