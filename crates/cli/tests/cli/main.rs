//! `crispdesk` as a binary: every operation against a loopback recording server, the exit codes, and
//! `crispdesk sandbox` as a process.

mod errors;
mod keys;
mod operations;
mod paging;
mod readme;
mod recorder;
mod sandbox;

use assert_cmd::cargo::cargo_bin_cmd;
use assert_cmd::Command;

/// The token every test uses.
pub const IDENTIFIER: &str = "5f1e9c2a-7d34-4b8e-a061-3c9d2e7f4b15";
/// The key every test uses; it must never appear in any output.
pub const KEY: &str = "0e4c7a91d2b85f36a1c09e7d4b2f8a65c3e1d907b6a4f2c85e3d1a09b7c6f4e2";
/// `Basic base64("IDENTIFIER:KEY")`.
pub const AUTHORIZATION: &str = "Basic NWYxZTljMmEtN2QzNC00YjhlLWEwNjEtM2M5ZDJlN2Y0YjE1OjBlNGM3YTkxZDJiODVmMzZhMWMwOWU3ZDRiMmY4YTY1YzNlMWQ5MDdiNmE0ZjJjODVlM2QxYTA5YjdjNmY0ZTI=";
/// The workspace from `CRISP_WEBSITE_ID`.
pub const WEBSITE: &str = "3f2b9c1e-5d47-4a8e-9b61-0c2d7e4f8a13";
/// A conversation.
pub const SESSION: &str = "session_7b1e4c9a-2f38-4d65-8a0b-91c3e5d7f246";
/// A people profile.
pub const PEOPLE: &str = "a9d3f5e1-6b27-4c80-9e14-5f2a8c7d3b60";

/// `crispdesk` with the credentials of the tests in its environment, pointed at `base_url`, and nothing else
/// from the caller's `CRISP_*` variables.
pub fn crispdesk(base_url: &str) -> Command {
    let mut command = bare_crispdesk();
    command
        .env("CRISP_IDENTIFIER", IDENTIFIER)
        .env("CRISP_KEY", KEY)
        .env("CRISP_WEBSITE_ID", WEBSITE)
        .env("CRISP_API_BASE", base_url);
    command
}

/// `crispdesk` with no `CRISP_*` variable at all.
pub fn bare_crispdesk() -> Command {
    let mut command = cargo_bin_cmd!("crispdesk");
    for variable in [
        "CRISP_IDENTIFIER",
        "CRISP_KEY",
        "CRISP_TIER",
        "CRISP_WEBSITE_ID",
        "CRISP_API_BASE",
        "CRISPDESK_LOG",
    ] {
        command.env_remove(variable);
    }
    command
}
