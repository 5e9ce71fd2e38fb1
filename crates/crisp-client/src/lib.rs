//! A typed async client for the Crisp REST API v1.
//!
//! Every operation is a request value (`SendMessage`, `SearchConversations`, ...) whose pure
//! [`Request::build`] gives method, path, query and body; [`Client::send`] runs it through one pipeline
//! (per-token scheduler, retry decision, envelope decoding) and answers its typed output. The request's serde
//! shape is also the CLI's input object and the desktop app's command argument.

pub mod client;
pub mod credentials;
pub mod envelope;
pub mod error;
pub mod operations;
pub mod paging;
pub mod patch;
pub mod request;
pub mod retry;
pub mod rtm;
pub mod scheduler;

pub mod conversations;
pub mod messages;
pub mod operators;
pub mod people;
pub mod raw;
pub mod visitors;
pub mod websites;

mod json;
pub(crate) mod lenient;
mod path;

pub use client::{Client, ClientConfig, DEFAULT_BASE_URL, DEFAULT_TIMEOUT};
pub use credentials::{ApiKey, Credentials, Tier};
pub use envelope::RawResponse;
pub use envelope::Response;
pub use error::{Error, Result};
pub use json::JsonValue;
pub use lenient::{KnownField, Lenient};
pub use paging::{paginate_with, PageOptions, PagedRequest};
pub use patch::Patch;
pub use request::{Empty, Method, Request, RequestParts};
pub use retry::RetryPolicy;
pub use scheduler::{DailyUsage, QuotaSnapshot};
