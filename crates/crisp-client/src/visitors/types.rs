//! Visitor models (§3.11 of the contract).

use crate::conversations::types::Geolocation;
use crate::lenient::{model, Lenient};

model! {
    /// `count_visitors`' answer.
    pub struct VisitorCount {
        /// Visitors on the site now.
        pub count: Option<u32>,
        /// Those currently active.
        pub active: Option<u32>,
        /// Whether the count is capped or approximate.
        pub limited: Option<bool>,
    }
}

model! {
    /// A visitor on the site now.
    ///
    /// A listed item that is not an object is kept whole in `unknown` and re-encodes as sent.
    #[serde(remote = "Self")]
    pub struct Visitor {
        /// Their conversation's `session_…` ID.
        pub session_id: Option<String>,
        /// Inbox.
        pub inbox_id: Option<String>,
        /// Name.
        pub nickname: Option<String>,
        /// Email.
        pub email: Option<String>,
        /// Avatar URL.
        pub avatar: Option<String>,
        /// Browser user agent.
        pub useragent: Option<String>,
        /// Whether a conversation was started.
        pub initiated: Option<bool>,
        /// Whether they are active.
        pub active: Option<bool>,
        /// The page they are on.
        pub last_page: Option<Lenient<LastPage>>,
        /// Where they are.
        pub geolocation: Option<Lenient<Geolocation>>,
        /// Offset in minutes.
        pub timezone: Option<i32>,
        /// Chatbox capabilities.
        pub capabilities: Option<Lenient<Vec<String>>>,
        /// Preferred languages.
        pub locales: Option<Lenient<Vec<String>>>,
    }
    keeps extra, unknown
}

model! {
    /// The page a visitor is on.
    pub struct LastPage {
        /// Title.
        pub page_title: Option<String>,
        /// URL.
        pub page_url: Option<String>,
    }
}
