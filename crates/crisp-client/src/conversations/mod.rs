//! Conversations: create, search, get, remove, state, meta and read marks.

pub mod requests;
pub mod types;

pub use requests::*;
pub use types::*;

use crate::client::Client;
use crate::error::Result;
use crate::request::Empty;

/// Conversation operations: `client.conversations().<operation>(&request)`.
#[derive(Debug, Clone, Copy)]
pub struct Conversations<'a> {
    client: &'a Client,
}

impl Conversations<'_> {
    /// Starts an empty conversation (`create_conversation`).
    pub async fn create(&self, request: &CreateConversation) -> Result<CreatedConversation> {
        self.client.send(request).await
    }

    /// One page of conversations, searched and filtered (`search_conversations`).
    pub async fn search(&self, request: &SearchConversations) -> Result<Vec<Conversation>> {
        self.client.send(request).await
    }

    /// One conversation (`get_conversation`).
    pub async fn get(&self, request: &GetConversation) -> Result<Conversation> {
        self.client.send(request).await
    }

    /// Removes a conversation and its messages (`remove_conversation`).
    pub async fn remove(&self, request: &RemoveConversation) -> Result<Empty> {
        self.client.send(request).await
    }

    /// Resolves, reopens or sets pending (`change_conversation_state`).
    pub async fn change_state(&self, request: &ChangeConversationState) -> Result<Empty> {
        self.client.send(request).await
    }

    /// The visitor details (`get_conversation_meta`).
    pub async fn get_meta(&self, request: &GetConversationMeta) -> Result<ConversationMeta> {
        self.client.send(request).await
    }

    /// Changes the given visitor details (`update_conversation_meta`).
    pub async fn update_meta(&self, request: &UpdateConversationMeta) -> Result<Empty> {
        self.client.send(request).await
    }

    /// Marks messages as read (`mark_messages_read`).
    pub async fn mark_read(&self, request: &MarkMessagesRead) -> Result<Empty> {
        self.client.send(request).await
    }
}

impl Client {
    /// Conversation operations.
    pub fn conversations(&self) -> Conversations<'_> {
        Conversations { client: self }
    }
}
