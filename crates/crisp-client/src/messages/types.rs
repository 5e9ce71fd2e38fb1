//! Message models and content shapes (§3.7–§3.9 of the contract).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::lenient::{model, read_whole, Lenient};
use crate::request::input;

#[cfg(feature = "specta")]
use crate::json::JsonValue;

/// Which side a message comes from: `user` is the visitor.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Sender {
    /// The visitor.
    User,
    /// An operator (or a bot on the operators' side).
    Operator,
    /// A value this client does not know, kept as sent.
    #[serde(untagged)]
    Other(String),
}

/// A message type; `content` has a shape per type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum MessageType {
    /// Text: `content` is a string.
    Text,
    /// Private note for operators: `content` is a string.
    Note,
    /// A file at a public URL.
    File,
    /// An animated image.
    Animation,
    /// A voice recording.
    Audio,
    /// A choice list.
    Picker,
    /// An input field.
    Field,
    /// A carousel of cards.
    Carousel,
    /// A system event.
    Event,
    /// A type this client does not know, kept as sent.
    #[serde(untagged)]
    Other(String),
}

/// A message's `content`: a string for `text`/`note`, an object per type otherwise.
///
/// Shapes are tried in the order below; anything else is kept as [`MessageContent::Other`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum MessageContent {
    /// `text` and `note`.
    Text(String),
    /// `file`.
    File(FileContent),
    /// `audio`.
    Audio(AudioContent),
    /// `animation`.
    Animation(AnimationContent),
    /// `picker`.
    Picker(PickerContent),
    /// `field`.
    Field(FieldContent),
    /// `carousel`.
    Carousel(CarouselContent),
    /// `event`.
    Event(EventContent),
    /// Any other shape, kept as sent.
    Other(#[cfg_attr(feature = "specta", specta(type = JsonValue))] Value),
}

impl MessageContent {
    /// Whether this content has the shape Crisp expects for `kind` (any shape for unknown types).
    pub fn fits(&self, kind: &MessageType) -> bool {
        use MessageContent as C;
        use MessageType as T;
        match kind {
            T::Text | T::Note => matches!(self, C::Text(_)),
            T::File => matches!(self, C::File(_)),
            T::Audio => matches!(self, C::Audio(_)),
            T::Animation => matches!(self, C::Animation(_)),
            T::Picker => matches!(self, C::Picker(_)),
            T::Field => matches!(self, C::Field(_)),
            T::Carousel => matches!(self, C::Carousel(_)),
            T::Event => matches!(self, C::Event(_)),
            T::Other(_) => true,
        }
    }

    /// What `kind`'s content must look like, for error messages.
    pub(crate) fn expected(kind: &MessageType) -> &'static str {
        match kind {
            MessageType::Text | MessageType::Note => "a string",
            MessageType::File => "{ name, url, type }",
            MessageType::Audio => "{ url, type, duration }",
            MessageType::Animation => "{ url, type }",
            MessageType::Picker => "{ id, text, choices, required? }",
            MessageType::Field => "{ id, text, explain, value?, required? }",
            MessageType::Carousel => "{ text, targets }",
            MessageType::Event => "{ namespace, text? }",
            MessageType::Other(_) => "any JSON",
        }
    }
}

input! {
    /// `file` content: a file already at a public URL.
    pub struct FileContent {
        /// File name.
        pub name: String,
        /// Public URL.
        pub url: String,
        /// MIME type.
        #[serde(rename = "type")]
        pub mime: String,
    }
}

input! {
    /// `animation` content.
    pub struct AnimationContent {
        /// Public URL.
        pub url: String,
        /// MIME type (`image/gif`).
        #[serde(rename = "type")]
        pub mime: String,
    }
}

input! {
    /// `audio` content.
    pub struct AudioContent {
        /// Public URL.
        pub url: String,
        /// MIME type.
        #[serde(rename = "type")]
        pub mime: String,
        /// Length in seconds.
        pub duration: u32,
    }
}

input! {
    /// `picker` content: a question with choices.
    pub struct PickerContent {
        /// Picker ID.
        pub id: String,
        /// The question.
        pub text: String,
        /// The choices.
        pub choices: Vec<PickerChoice>,
        /// Whether an answer is required.
        pub required: Option<bool>,
    }
}

input! {
    /// One choice of a picker.
    pub struct PickerChoice {
        /// Value sent back.
        pub value: String,
        /// Label shown.
        pub label: String,
        /// Whether it is selected.
        pub selected: bool,
        /// Icon (emoji or URL).
        pub icon: Option<String>,
        /// Action on pick.
        pub action: Option<PickerAction>,
    }
}

input! {
    /// What picking a choice does.
    pub struct PickerAction {
        /// Action kind (`link`, ...).
        #[serde(rename = "type")]
        pub kind: String,
        /// Its target.
        pub target: String,
    }
}

input! {
    /// `field` content: an input field.
    pub struct FieldContent {
        /// Field ID.
        pub id: String,
        /// The label.
        pub text: String,
        /// Help text.
        pub explain: String,
        /// Prefilled or answered value.
        pub value: Option<String>,
        /// Whether an answer is required.
        pub required: Option<bool>,
    }
}

input! {
    /// `carousel` content.
    pub struct CarouselContent {
        /// Intro text.
        pub text: String,
        /// The cards.
        pub targets: Vec<CarouselTarget>,
    }
}

input! {
    /// One carousel card.
    pub struct CarouselTarget {
        /// Title.
        pub title: String,
        /// Description.
        pub description: String,
        /// Image URL.
        pub image: Option<String>,
        /// Buttons.
        pub actions: Vec<CarouselAction>,
    }
}

input! {
    /// A carousel button.
    pub struct CarouselAction {
        /// Label.
        pub label: String,
        /// Link.
        pub url: String,
    }
}

input! {
    /// `event` content.
    pub struct EventContent {
        /// Event namespace.
        pub namespace: String,
        /// Text shown.
        pub text: Option<String>,
    }
}

input! {
    /// Who a message shows as its sender, when overridden on write (`user` of a send or state change).
    #[derive(Default)]
    pub struct UserOverride {
        /// `website` or `participant`.
        #[serde(rename = "type")]
        pub kind: Option<String>,
        /// Display name.
        pub nickname: Option<String>,
        /// Avatar URL.
        pub avatar: Option<String>,
    }
}

model! {
    /// A reference attached to a message.
    pub struct Reference {
        /// Kind of reference.
        #[serde(rename = "type")]
        pub kind: Option<String>,
        /// Its name.
        pub name: Option<String>,
        /// Its target.
        pub target: Option<String>,
    }
    written
}

model! {
    /// The message before translation, or a pointer to its raw original (e.g. an email source). The modules document
    /// Type and Content, the Go client types `{ type, content }` and the Node client `{ original_id }`: every field
    /// the user gives is sent, no other (contract §3.8).
    pub struct Original {
        /// The original's ID.
        pub original_id: Option<String>,
        /// The original's type (the module's Original "Type"), e.g. `text` or `text/html`.
        #[serde(rename = "type")]
        pub kind: Option<String>,
        /// The original's content (the module's Original "Content"): text, or an object as Crisp gave it.
        pub content: Option<Value>,
    }
    written
}

model! {
    /// The sender as read on a message.
    pub struct MessageUser {
        /// `website`, `participant`, ...
        #[serde(rename = "type")]
        pub kind: Option<String>,
        /// Operator `user_id`, or the `session_id` for visitors.
        pub user_id: Option<String>,
        /// Display name.
        pub nickname: Option<String>,
        /// Avatar URL.
        pub avatar: Option<String>,
    }
}

model! {
    /// A link preview on a message.
    pub struct LinkPreview {
        /// The link.
        pub url: Option<String>,
        /// The site.
        pub website: Option<String>,
        /// Page title.
        pub title: Option<String>,
        /// `{ excerpt, image, embed }`.
        pub preview: Option<Value>,
        /// Whether the server stored it.
        pub stamped: Option<bool>,
    }
}

model! {
    /// One message of a conversation.
    ///
    /// A listed item that is not an object is kept whole in `unknown` and re-encodes as sent.
    #[serde(remote = "Self")]
    pub struct Message {
        /// The conversation.
        pub session_id: Option<String>,
        /// The workspace.
        pub website_id: Option<String>,
        /// Message type (absent when not a string).
        #[serde(rename = "type")]
        pub kind: Option<MessageType>,
        /// `user` (visitor) or `operator` (absent when not a string).
        pub from: Option<Sender>,
        /// `chat`, `email` or `urn:…`.
        pub origin: Option<String>,
        /// Content, shaped per type.
        pub content: Option<MessageContent>,
        /// Link previews.
        pub preview: Option<Lenient<Vec<LinkPreview>>>,
        /// Operator `user_id`s mentioned.
        pub mentions: Option<Lenient<Vec<String>>>,
        /// Channel where it was read.
        pub read: Option<String>,
        /// Channel where it was delivered.
        pub delivered: Option<String>,
        /// Channels where delivery was skipped.
        pub ignored: Option<Value>,
        /// Edited after sending.
        pub edited: Option<bool>,
        /// Content is a translation.
        pub translated: Option<bool>,
        /// Sent by a bot.
        pub automated: Option<bool>,
        /// Stored by the server.
        pub stamped: Option<bool>,
        /// The message's ID within its conversation.
        pub fingerprint: Option<i64>,
        /// When it was sent, ms.
        pub timestamp: Option<u64>,
        /// The sender.
        pub user: Option<Lenient<MessageUser>>,
        /// References.
        pub references: Option<Lenient<Vec<Reference>>>,
        /// Pointer to the raw original.
        pub original: Option<Lenient<Original>>,
        /// Custom properties.
        pub properties: Option<Value>,
    }
    keeps extra, unknown
}

/// The answer of `list_messages`: one batch, and whether older messages exist (HTTP 206).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MessageBatch {
    /// The batch, as Crisp ordered it.
    pub messages: Vec<Message>,
    /// `true` when Crisp answered 206: ask again with `timestamp_before` for older messages.
    pub more: bool,
}

model! {
    /// The answer of `send_message`.
    pub struct SentMessage {
        /// The message's fingerprint.
        pub fingerprint: Option<i64>,
    }
}

read_whole!(MessageType, Sender, MessageContent);
