//! The client for one call, from the connection flags and environment.

use std::time::Duration;

use crisp_client::{ApiKey, Client, ClientConfig, Credentials, Tier};

use crate::args::{ConnectionArgs, TierArg};
use crate::failure::Failure;

/// Crisp's official clients give up after 10 s; so do we.
const TIMEOUT: Duration = Duration::from_secs(10);

/// A client for the token and host in `args`; a missing identifier or key is bad input.
pub fn client(args: &ConnectionArgs) -> Result<Client, Failure> {
    let identifier = required(
        args.identifier.as_deref(),
        "--identifier",
        "CRISP_IDENTIFIER",
    )?;
    let key = required(args.key.as_deref(), "--key", "CRISP_KEY")?;
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
    Ok(Client::new(config)?)
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
