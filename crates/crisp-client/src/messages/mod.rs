//! Messages: list (with history paging), send (never twice), get and update.

pub mod draft;
pub mod history;
pub mod requests;
pub mod types;

pub use draft::{Draft, DraftState};
pub use requests::*;
pub use types::*;

use crate::client::Client;
use crate::error::Result;
use crate::request::Empty;

/// Message operations: `client.messages().<operation>(&request)`. A conversation's history is walked by
/// [`Client::message_history`] and [`Client::message_history_page`].
#[derive(Debug, Clone, Copy)]
pub struct Messages<'a> {
    client: &'a Client,
}

impl Messages<'_> {
    /// One message (`get_message`).
    pub async fn get(&self, request: &GetMessage) -> Result<Message> {
        self.client.send(request).await
    }

    /// Edits a message's content (`update_message`).
    pub async fn update(&self, request: &UpdateMessage) -> Result<Empty> {
        self.client.send(request).await
    }

    /// Sends a message so it never lands twice (`send_message`); see [`Client::send_message_once`].
    pub async fn send(&self, request: SendMessage) -> Result<SentMessage> {
        self.client.send_message_once(request).await
    }
}

impl Client {
    /// Message operations.
    pub fn messages(&self) -> Messages<'_> {
        Messages { client: self }
    }
}
