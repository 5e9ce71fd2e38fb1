//! `crispdesk sandbox`: runs the local Crisp until SIGINT or SIGTERM, after printing how to reach it.

use std::io::{IsTerminal, Write};

use crisp_sandbox::{SandboxConfig, Tier};
use tokio::signal::unix::{signal, SignalKind};

use crate::args::{SandboxArgs, TierArg};
use crate::failure::Failure;

/// Starts the sandbox, prints its `SandboxInfo` as one JSON line, and serves until stopped.
pub async fn run(args: SandboxArgs) -> Result<(), Failure> {
    let mut terminate = signal(SignalKind::terminate())
        .map_err(|error| Failure::Local(format!("could not watch for SIGTERM: {error}")))?;
    let sandbox = crisp_sandbox::spawn(config(args))
        .await
        .map_err(|error| Failure::Local(format!("could not start the sandbox: {error}")))?;
    let line = serde_json::to_string(&sandbox.info()).map_err(|error| {
        Failure::Local(format!("could not print the sandbox's address: {error}"))
    })?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")
        .and_then(|()| out.flush())
        .map_err(|error| Failure::Local(format!("could not write to stdout: {error}")))?;
    drop(out);
    if std::io::stderr().is_terminal() {
        let info = sandbox.info();
        // For a person at a terminal: stdout stays the one JSON line that scripts read.
        let _ = writeln!(
            std::io::stderr(),
            "crispdesk sandbox: a local Crisp at {} (Ctrl-C stops it). In another shell:\n  \
             export CRISP_API_BASE={} CRISP_IDENTIFIER={} CRISP_KEY={} CRISP_TIER={} CRISP_WEBSITE_ID={}\n  \
             crispdesk conversations search --json '{{\"per_page\": 20}}'",
            info.base_url, info.base_url, info.identifier, info.key, info.tier, info.website_id
        );
    }
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate.recv() => {}
    }
    tracing::info!("stopping the sandbox");
    sandbox.shutdown().await;
    Ok(())
}

fn config(args: SandboxArgs) -> SandboxConfig {
    let defaults = SandboxConfig::default();
    SandboxConfig {
        listen: args.listen,
        identifier: args.identifier.or(defaults.identifier),
        key: args.key.or(defaults.key),
        website_id: args.website_id.or(defaults.website_id),
        tier: match args.tier {
            TierArg::User => Tier::User,
            TierArg::Plugin => Tier::Plugin,
            TierArg::Website => Tier::Website,
        },
        live: args.live,
        conversations: args.conversations.unwrap_or(defaults.conversations),
        people: args.people.unwrap_or(defaults.people),
        seed: args.seed.unwrap_or(defaults.seed),
    }
}
