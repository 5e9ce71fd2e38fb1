//! `crispdesk`: the Crisp REST API v1 from a shell, thin over `crisp-client`.
//!
//! `crispdesk <section> <operation> --json -` reads one JSON object, sends exactly what it says (or pages with
//! `limit`), and prints Crisp's `data`. Exit codes: 0 success, 1 API or network error, 2 bad input.

mod args;
mod connection;
mod events;
mod failure;
mod input;
mod operation;
mod sandbox;

use std::io::{ErrorKind, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use serde_json::Value;

use crate::args::{Action, Call, Cli};
use crate::failure::Failure;
use crate::operation::Operation;

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_env_filter(log_filter())
        .init();
    let outcome = match cli.command.into_action() {
        // Only starts a process and reads one line from it: no runtime needed.
        Action::Sandbox(sandbox) if sandbox.background => sandbox::start_in_background(sandbox),
        action => tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|error| Failure::Local(format!("could not start the async runtime: {error}")))
            .and_then(|runtime| runtime.block_on(run(action))),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            // stderr may be closed too (`2>&1 | head`); the exit code still tells.
            let _ = std::io::stderr().write_all(failure.report().as_bytes());
            ExitCode::from(failure.exit_code())
        }
    }
}

async fn run(action: Action) -> Result<(), Failure> {
    match action {
        Action::Api(operation, call) => {
            let data = call_api(operation, call).await?;
            print(&data)
        }
        Action::Sandbox(sandbox) => sandbox::run(sandbox).await,
        Action::Events(events) => events::run(events).await,
    }
}

async fn call_api(operation: Operation, call: Call) -> Result<Value, Failure> {
    // The key first: a refused `--key` stops everything, and `--key-stdin` reads its line before any input.
    let key = connection::key(
        &call.connection,
        call.json.as_deref(),
        std::env::var("CRISP_KEY").ok(),
        std::io::stdin().lock(),
    )?;
    let mut input = input::read(call.json.as_deref(), std::io::stdin().lock())?;
    if operation.takes_website_id() {
        input::fill_website_id(&mut input, call.connection.website_id.as_deref())?;
    }
    let client = connection::client(&call.connection, key)?;
    operation.run(&client, input).await
}

/// Prints one JSON value on stdout: indented on a terminal, one line otherwise. A reader that stops early
/// (`| head`) is no failure.
fn print(data: &Value) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let text = if stdout.is_terminal() {
        serde_json::to_string_pretty(data)
    } else {
        serde_json::to_string(data)
    }
    .map_err(|error| Failure::Local(format!("could not print the answer: {error}")))?;
    let mut out = stdout.lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Err(error) if error.kind() != ErrorKind::BrokenPipe => Err(Failure::Local(format!(
            "could not write to stdout: {error}"
        ))),
        _ => Ok(()),
    }
}

/// `CRISPDESK_LOG` (default `warn`), with the socket's frame traces kept off: they would carry the key.
fn log_filter() -> tracing_subscriber::EnvFilter {
    let filter = tracing_subscriber::EnvFilter::try_from_env("CRISPDESK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    crisp_client::rtm::QUIET_FRAME_LOGS
        .iter()
        .filter_map(|directive| directive.parse().ok())
        .fold(filter, tracing_subscriber::EnvFilter::add_directive)
}
