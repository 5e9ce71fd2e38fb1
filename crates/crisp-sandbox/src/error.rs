//! The one error type of the sandbox crate.

use std::net::SocketAddr;

/// What can go wrong while starting or running a sandbox.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The listen address could not be bound.
    #[error("could not listen on {addr}: {source}")]
    Bind {
        /// The address that was asked for.
        addr: SocketAddr,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The listener's local address could not be read.
    #[error("could not read the listening address: {0}")]
    LocalAddr(std::io::Error),
    /// A configuration value cannot be used.
    #[error("invalid sandbox configuration: {0}")]
    Config(String),
    /// Seeding the data did not finish.
    #[error("could not seed the sandbox data: {0}")]
    Seed(String),
}

/// The sandbox's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
