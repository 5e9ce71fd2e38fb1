//! `crispdesk events`: the connection's live events, one JSON line each (`{"event": name, "data": {...}}`),
//! until Ctrl+C. From Crisp's real-time socket by default; `--poll` uses the polling monitor instead (its event
//! kinds, not the socket's names). Status changes go to stderr, never the key or a payload.

use std::io::{ErrorKind, Write};
use std::sync::Arc;

use crisp_client::rtm::{Rtm, RtmConfig, RtmStatus};
use crisp_client::{Client, ClientConfig};
use crisp_monitor::{ConnectionMonitor, MonitorSettings, MonitorUpdate};
use serde_json::{json, Value};

use crate::args::EventsArgs;
use crate::connection;
use crate::failure::Failure;

/// Runs until Ctrl+C, or until the socket refuses the keypair (`error: unauthorized`, exit 1).
pub async fn run(args: EventsArgs) -> Result<(), Failure> {
    let key = connection::key(
        &args.connection,
        None,
        std::env::var("CRISP_KEY").ok(),
        std::io::stdin().lock(),
    )?;
    let config = connection::config(&args.connection, key)?;
    if args.poll {
        return poll(&args, config).await;
    }
    let mut rtm_config = RtmConfig::new(config);
    if !args.events.is_empty() {
        rtm_config.events = args.events;
    }
    let mut rtm = Rtm::connect(rtm_config);
    let mut status = rtm.status();
    loop {
        tokio::select! {
            event = rtm.next_event() => match event {
                Some(event) => print_line(&json!({ "event": event.name, "data": event.data }))?,
                None => break,
            },
            changed = status.changed() => {
                if changed.is_err() {
                    break;
                }
                let now = status.borrow_and_update().clone();
                note_status(&now);
            }
            _ = tokio::signal::ctrl_c() => return Ok(()),
        }
    }
    let end = status.borrow().clone();
    match end {
        RtmStatus::Unauthorized => Err(Failure::Local("unauthorized".to_owned())),
        RtmStatus::Unavailable { reason } => Err(Failure::Local(format!(
            "the real-time socket is unavailable: {reason}"
        ))),
        _ => Ok(()),
    }
}

/// One stderr line per status change.
fn note_status(status: &RtmStatus) {
    let text = match status {
        RtmStatus::Connecting => "connecting".to_owned(),
        RtmStatus::Live => "live".to_owned(),
        RtmStatus::Reconnecting { next_try_at_ms } => {
            format!("socket down, retrying at {next_try_at_ms} (Unix ms)")
        }
        RtmStatus::Unauthorized | RtmStatus::Unavailable { .. } => return,
    };
    let _ = writeln!(std::io::stderr(), "crispdesk events: {text}");
}

/// `--poll`: the polling monitor's events, with notifications off.
async fn poll(args: &EventsArgs, config: ClientConfig) -> Result<(), Failure> {
    let website_id = args
        .connection
        .website_id
        .clone()
        .filter(|id| !id.is_empty())
        .ok_or_else(|| {
            Failure::input(
                "--website-id",
                "missing: set CRISP_WEBSITE_ID or pass --website-id",
            )
        })?;
    let client = Client::new(config)?;
    let settings = MonitorSettings {
        notifications: false,
        ..MonitorSettings::default()
    };
    let monitor = Arc::new(ConnectionMonitor::new(client, website_id, settings));
    let wanted = args.events.clone();
    let handle = monitor.spawn(move |update| {
        if let MonitorUpdate::Event(event) = update {
            let kind = event.kind();
            if wanted.is_empty() || wanted.iter().any(|name| name == kind) {
                let data = serde_json::to_value(&event).unwrap_or(Value::Null);
                // A closed stdout ends the command at the next Ctrl+C; nothing to report here.
                let _ = print_line(&json!({ "event": kind, "data": data }));
            }
        }
    });
    let _ = tokio::signal::ctrl_c().await;
    handle.stop();
    Ok(())
}

/// One JSON line on stdout, flushed (a reader that stops early is no failure).
fn print_line(value: &Value) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{value}").and_then(|()| out.flush()) {
        Err(error) if error.kind() != ErrorKind::BrokenPipe => Err(Failure::Local(format!(
            "could not write to stdout: {error}"
        ))),
        _ => Ok(()),
    }
}
