//! The sandbox's data in memory: one website, its operators, conversations with their threads, people and
//! visitors. Lookups go through hash indexes; threads of seeded conversations are generated on first use
//! from their seed, so 100,000 conversations stay small.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::{json, Map, Value};

pub use crate::records::{ConversationState, Message, Operator, ThreadSeed};
use crate::rtm::Change;
use crate::seed;

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp_millis()).unwrap_or(0)
}

/// A website (§3.12).
#[derive(Debug, Clone)]
pub struct Website {
    /// UUID.
    pub website_id: String,
    /// Display name.
    pub name: String,
    /// Bare domain.
    pub domain: String,
    /// Logo URL, may be empty.
    pub logo: String,
    /// Domain verified.
    pub verified: bool,
    /// Deletion was requested and not aborted.
    pub deletion_scheduled: bool,
}

impl Website {
    /// The Website object.
    pub fn to_json(&self) -> Value {
        json!({
            "website_id": self.website_id,
            "name": self.name,
            "domain": self.domain,
            "logo": self.logo,
            "verified": self.verified,
            "institutional": false,
        })
    }
}

/// The `preview_message` summary of a conversation.
#[derive(Debug, Clone)]
pub struct Preview {
    /// Message type.
    pub kind: String,
    /// `user` or `operator`.
    pub from: String,
    /// Excerpt.
    pub excerpt: String,
    /// Message fingerprint.
    pub fingerprint: i64,
}

/// The visitor's device block of a conversation's meta.
#[derive(Debug, Clone)]
pub enum Device {
    /// Rendered from the seeded persona on read.
    Seeded(u32),
    /// Set through the API.
    Set(Value),
    /// Cleared or never known.
    Unknown,
}

/// A conversation's meta (§3.5).
#[derive(Debug, Clone, Default)]
pub struct Meta {
    /// The string fields by wire name: nickname, email, phone, address, subject, ip, avatar, origin.
    pub fields: Vec<(&'static str, String)>,
    /// Tags.
    pub segments: Vec<String>,
    /// Custom key/values.
    pub data: Map<String, Value>,
    /// Device block.
    pub device: Option<Device>,
    /// Connection block.
    pub connection: Option<Value>,
}

/// The writable string fields of meta.
pub const META_STRINGS: [&str; 8] = [
    "nickname", "email", "phone", "address", "subject", "ip", "avatar", "origin",
];

impl Meta {
    /// A string field.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.as_str())
    }

    /// Sets (`Some`) or clears (`None`) a string field; `name` must be one of [`META_STRINGS`].
    pub fn set(&mut self, name: &str, value: Option<String>) {
        let Some(key) = META_STRINGS.iter().find(|known| **known == name) else {
            return;
        };
        self.fields.retain(|(existing, _)| existing != key);
        if let Some(value) = value {
            self.fields.push((key, value));
            self.fields.sort_by_key(|(field, _)| {
                META_STRINGS
                    .iter()
                    .position(|known| known == field)
                    .unwrap_or(usize::MAX)
            });
        }
    }

    /// The Meta object.
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        for (key, value) in &self.fields {
            out.insert((*key).to_owned(), Value::String(value.clone()));
        }
        out.insert("segments".into(), json!(self.segments));
        out.insert("data".into(), Value::Object(self.data.clone()));
        match &self.device {
            Some(Device::Seeded(persona)) => {
                out.insert("device".into(), seed::device(*persona));
            }
            Some(Device::Set(value)) => {
                out.insert("device".into(), value.clone());
            }
            Some(Device::Unknown) | None => {}
        }
        if let Some(connection) = &self.connection {
            out.insert("connection".into(), connection.clone());
        }
        Value::Object(out)
    }
}

/// A conversation's messages.
#[derive(Debug, Clone)]
pub enum Thread {
    /// Not generated yet.
    Seeded(ThreadSeed),
    /// In memory, sorted by timestamp.
    Loaded(Vec<Message>),
}

/// A conversation (§3.2.1).
#[derive(Debug, Clone)]
pub struct Conversation {
    /// `session_<uuid>`.
    pub session_id: String,
    /// Linked profile.
    pub people_id: Option<String>,
    /// Inbox, `None` = main inbox.
    pub inbox_id: Option<String>,
    /// State.
    pub state: ConversationState,
    /// Visitor verified.
    pub is_verified: bool,
    /// Visitor blocked.
    pub is_blocked: bool,
    /// Visitor online.
    pub online: bool,
    /// Visitor's last activity.
    pub active_last: u64,
    /// Excerpt of the last message.
    pub last_message: String,
    /// Summary of the last message.
    pub preview: Option<Preview>,
    /// Topic.
    pub topic: String,
    /// Mentioned operators.
    pub mentions: Vec<String>,
    /// Unread by operators.
    pub unread_operator: u32,
    /// Unread by the visitor.
    pub unread_visitor: u32,
    /// Assignee's user_id.
    pub assigned: Option<String>,
    /// Meta.
    pub meta: Meta,
    /// Created, ms.
    pub created_at: u64,
    /// Updated, ms.
    pub updated_at: u64,
    /// Since when the visitor waits for a reply.
    pub waiting_since: Option<u64>,
    /// Messages.
    pub thread: Thread,
    /// Number of messages (known without generating the thread).
    pub message_count: usize,
    /// Lowercased nickname, email and last message for text search.
    search: String,
}

impl Conversation {
    /// A conversation with no message.
    pub fn empty(session_id: String, now: u64) -> Self {
        let mut conversation = Self {
            session_id,
            people_id: None,
            inbox_id: None,
            state: ConversationState::Pending,
            is_verified: false,
            is_blocked: false,
            online: true,
            active_last: now,
            last_message: String::new(),
            preview: None,
            topic: String::new(),
            mentions: Vec::new(),
            unread_operator: 0,
            unread_visitor: 0,
            assigned: None,
            meta: Meta::default(),
            created_at: now,
            updated_at: now,
            waiting_since: None,
            thread: Thread::Loaded(Vec::new()),
            message_count: 0,
            search: String::new(),
        };
        conversation.meta.set("origin", Some("chat".into()));
        conversation
    }

    /// Recomputes the text-search blob after nickname, email or last message changed.
    pub fn refresh_search(&mut self) {
        self.search = format!(
            "{}\n{}\n{}",
            self.meta.get("nickname").unwrap_or(""),
            self.meta.get("email").unwrap_or(""),
            self.last_message
        )
        .to_lowercase();
    }

    /// Whether lowercase `needle` occurs in the nickname, email or last message.
    pub fn text_matches(&self, needle: &str) -> bool {
        self.search.contains(needle)
    }

    /// Takes `message` as the latest summary.
    pub fn summarize(&mut self, message: &Message) {
        self.last_message = message.excerpt();
        self.preview = Some(Preview {
            kind: message.kind.clone(),
            from: message.from.clone(),
            excerpt: self.last_message.clone(),
            fingerprint: message.fingerprint,
        });
        self.refresh_search();
    }

    /// The Conversation object.
    pub fn to_json(&self, website_id: &str) -> Value {
        let mut out = Map::new();
        out.insert("session_id".into(), json!(self.session_id));
        out.insert("website_id".into(), json!(website_id));
        out.insert("inbox_id".into(), json!(self.inbox_id));
        if let Some(people_id) = &self.people_id {
            out.insert("people_id".into(), json!(people_id));
        }
        out.insert("state".into(), json!(self.state.as_str()));
        out.insert("status".into(), json!(self.state.status()));
        out.insert("is_verified".into(), json!(self.is_verified));
        out.insert("is_blocked".into(), json!(self.is_blocked));
        out.insert(
            "availability".into(),
            json!(if self.online { "online" } else { "offline" }),
        );
        out.insert(
            "active".into(),
            json!({ "now": self.online, "last": self.active_last }),
        );
        out.insert("last_message".into(), json!(self.last_message));
        if let Some(preview) = &self.preview {
            out.insert(
                "preview_message".into(),
                json!({
                    "type": preview.kind,
                    "from": preview.from,
                    "excerpt": preview.excerpt,
                    "fingerprint": preview.fingerprint,
                }),
            );
        }
        out.insert("topic".into(), json!(self.topic));
        out.insert("participants".into(), json!([]));
        out.insert("mentions".into(), json!(self.mentions));
        out.insert("compose".into(), json!({}));
        out.insert(
            "unread".into(),
            json!({ "operator": self.unread_operator, "visitor": self.unread_visitor }),
        );
        if let Some(user_id) = &self.assigned {
            out.insert("assigned".into(), json!({ "user_id": user_id }));
        }
        out.insert("meta".into(), self.meta.to_json());
        out.insert("created_at".into(), json!(self.created_at));
        out.insert("updated_at".into(), json!(self.updated_at));
        if let Some(waiting_since) = self.waiting_since {
            out.insert("waiting_since".into(), json!(waiting_since));
        }
        Value::Object(out)
    }
}

/// Where a profile's written fields are.
#[derive(Debug, Clone)]
enum ProfileBody {
    /// Generated from this seed on read.
    Seeded(u64),
    /// JSON text of an object.
    Written(String),
}

/// A people profile (§3.10). The written fields are kept as compact JSON text, so 100,000 profiles stay
/// small; the fields used to sort and search are kept beside it.
#[derive(Debug, Clone)]
pub struct Profile {
    /// UUID.
    pub people_id: String,
    /// The ProfileWrite fields except `active`.
    body: ProfileBody,
    /// Last activity, ms.
    pub active_last: Option<u64>,
    /// Engagement score.
    pub score: u8,
    /// Created, ms.
    pub created_at: u64,
    /// Updated, ms.
    pub updated_at: u64,
    /// Lowercase email.
    pub email: String,
    /// Lowercase nickname.
    pub nickname: String,
    /// Lowercase company name.
    pub company: String,
}

impl Profile {
    /// A profile from its written fields (`active` already taken out).
    pub fn new(people_id: String, body: &Map<String, Value>, created_at: u64) -> Self {
        let mut profile = Self {
            people_id,
            body: ProfileBody::Written(String::new()),
            active_last: None,
            score: 0,
            created_at,
            updated_at: created_at,
            email: String::new(),
            nickname: String::new(),
            company: String::new(),
        };
        profile.set_body(body);
        profile
    }

    /// Replaces the written fields.
    pub fn set_body(&mut self, body: &Map<String, Value>) {
        let text =
            |value: Option<&Value>| value.and_then(Value::as_str).unwrap_or("").to_lowercase();
        self.email = text(body.get("email"));
        self.nickname = text(body.get("person").and_then(|person| person.get("nickname")));
        self.company = text(body.get("company").and_then(|company| company.get("name")));
        self.body = ProfileBody::Written(Value::Object(body.clone()).to_string());
    }

    /// A seeded profile whose written fields come from `seed::profile_body(profile_seed, email)`.
    pub fn seeded(
        people_id: String,
        profile_seed: u64,
        email: &str,
        nickname: &str,
        company: &str,
        created_at: u64,
    ) -> Self {
        Self {
            people_id,
            body: ProfileBody::Seeded(profile_seed),
            active_last: None,
            score: 0,
            created_at,
            updated_at: created_at,
            email: email.to_lowercase(),
            nickname: nickname.to_lowercase(),
            company: company.to_lowercase(),
        }
    }

    /// The written fields.
    pub fn body(&self) -> Map<String, Value> {
        match &self.body {
            ProfileBody::Seeded(profile_seed) => seed::profile_body(*profile_seed, &self.email),
            ProfileBody::Written(text) => match serde_json::from_str(text) {
                Ok(Value::Object(map)) => map,
                _ => Map::new(),
            },
        }
    }

    /// The Profile object.
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("people_id".into(), json!(self.people_id));
        out.extend(self.body());
        out.insert(
            "active".into(),
            json!({
                "now": false,
                "last": self.active_last.unwrap_or(self.updated_at),
            }),
        );
        out.insert("score".into(), json!(self.score));
        out.insert("created_at".into(), json!(self.created_at));
        out.insert("updated_at".into(), json!(self.updated_at));
        Value::Object(out)
    }
}

/// Everything the sandbox serves.
#[derive(Debug)]
pub struct Store {
    /// The seeded website.
    pub website: Website,
    /// Websites created through `POST /v1/website`.
    pub created_websites: Vec<Website>,
    /// The website's operators; the first is the owner (the user token's holder).
    pub operators: Vec<Operator>,
    /// The website's extra inboxes.
    pub inboxes: Vec<String>,
    /// Live visitors.
    pub visitors: Vec<Value>,
    /// Random numbers for fingerprints and injected traffic.
    pub rng: fastrand::Rng,
    /// The last fingerprint [`Store::fingerprint`] issued.
    last_fingerprint: i64,
    conversations: Vec<Conversation>,
    conversation_index: HashMap<String, usize>,
    people: Vec<Profile>,
    people_index: HashMap<String, usize>,
    email_index: HashMap<String, usize>,
    /// Changes recorded for the real-time socket, not yet published.
    changes: Vec<Change>,
    /// Whether changes are recorded (not while seeding: nobody listens, and the copies would only be freed).
    recording: bool,
}

impl Store {
    /// An empty store for `website`.
    pub fn new(website: Website, operators: Vec<Operator>, rng: fastrand::Rng) -> Self {
        Self {
            website,
            created_websites: Vec::new(),
            operators,
            inboxes: Vec::new(),
            visitors: Vec::new(),
            rng,
            last_fingerprint: 0,
            conversations: Vec::new(),
            conversation_index: HashMap::new(),
            people: Vec::new(),
            people_index: HashMap::new(),
            email_index: HashMap::new(),
            changes: Vec::new(),
            recording: true,
        }
    }

    /// Makes room for `people` more profiles and `conversations` more conversations at once, so seeding a large
    /// store does not grow (and leave behind) its lists step by step.
    pub fn reserve(&mut self, people: usize, conversations: usize) {
        self.people.reserve(people);
        self.people_index.reserve(people);
        self.email_index.reserve(people);
        self.conversations.reserve(conversations);
        self.conversation_index.reserve(conversations);
    }

    /// Turns recording changes for the real-time socket off (seeding) or on.
    pub fn set_recording(&mut self, recording: bool) {
        self.recording = recording;
    }

    /// Every conversation, in no particular order.
    pub fn conversations(&self) -> &[Conversation] {
        &self.conversations
    }

    /// One conversation.
    pub fn conversation(&self, session_id: &str) -> Option<&Conversation> {
        self.conversation_index
            .get(session_id)
            .map(|&index| &self.conversations[index])
    }

    /// One conversation, to change.
    pub fn conversation_mut(&mut self, session_id: &str) -> Option<&mut Conversation> {
        self.conversation_index
            .get(session_id)
            .map(|&index| &mut self.conversations[index])
    }

    /// Adds a conversation (replacing one with the same session).
    pub fn insert_conversation(&mut self, conversation: Conversation) {
        match self.conversation_index.get(&conversation.session_id) {
            Some(&index) => self.conversations[index] = conversation,
            None => {
                self.conversation_index
                    .insert(conversation.session_id.clone(), self.conversations.len());
                self.conversations.push(conversation);
            }
        }
    }

    /// Removes a conversation and its messages.
    pub fn remove_conversation(&mut self, session_id: &str) -> Option<Conversation> {
        let index = self.conversation_index.remove(session_id)?;
        let removed = self.conversations.swap_remove(index);
        if let Some(moved) = self.conversations.get(index) {
            self.conversation_index
                .insert(moved.session_id.clone(), index);
        }
        self.record("session:removed", json!({ "session_id": session_id }));
        Some(removed)
    }

    /// A conversation's messages, oldest first (generated, not kept, when the thread is still seeded).
    pub fn thread<'a>(&'a self, conversation: &'a Conversation) -> Cow<'a, [Message]> {
        match &conversation.thread {
            Thread::Loaded(messages) => Cow::Borrowed(messages),
            Thread::Seeded(thread_seed) => Cow::Owned(seed::thread(
                thread_seed,
                &conversation.session_id,
                conversation.meta.get("nickname").unwrap_or("Visitor"),
                &self.operators,
            )),
        }
    }

    /// Runs `change` on a conversation and its messages, oldest first (a seeded thread is generated and kept).
    pub fn with_thread<R>(
        &mut self,
        session_id: &str,
        change: impl FnOnce(&mut Conversation, &mut Vec<Message>) -> R,
    ) -> Option<R> {
        let index = *self.conversation_index.get(session_id)?;
        let conversation = &mut self.conversations[index];
        let thread = std::mem::replace(&mut conversation.thread, Thread::Loaded(Vec::new()));
        let mut messages = match thread {
            Thread::Loaded(messages) => messages,
            Thread::Seeded(thread_seed) => seed::thread(
                &thread_seed,
                &conversation.session_id,
                conversation.meta.get("nickname").unwrap_or("Visitor"),
                &self.operators,
            ),
        };
        let result = change(conversation, &mut messages);
        conversation.message_count = messages.len();
        conversation.thread = Thread::Loaded(messages);
        Some(result)
    }

    /// Stores a message in a conversation and updates its summary, unread counts, waiting time and state
    /// (see `conventions`). `None` when the conversation does not exist.
    /// Records `message:send` (a visitor's) or `message:received` (an operator's) for the socket.
    pub fn deliver(&mut self, session_id: &str, message: Message) -> Option<()> {
        let event = if message.from == "user" {
            "message:send"
        } else {
            "message:received"
        };
        let data = message.to_json(session_id, &self.website.website_id);
        self.with_thread(session_id, |conversation, messages| {
            let at = messages.partition_point(|existing| existing.timestamp <= message.timestamp);
            let latest = at == messages.len();
            let timestamp = message.timestamp;
            if message.kind != "note" {
                if message.from == "user" {
                    conversation.unread_operator = conversation.unread_operator.saturating_add(1);
                    conversation.waiting_since.get_or_insert(timestamp);
                    if conversation.state == ConversationState::Resolved {
                        conversation.state = ConversationState::Unresolved;
                    }
                    conversation.active_last = conversation.active_last.max(timestamp);
                } else {
                    conversation.unread_visitor = conversation.unread_visitor.saturating_add(1);
                    conversation.waiting_since = None;
                    if conversation.state == ConversationState::Pending {
                        conversation.state = ConversationState::Unresolved;
                    }
                }
                if latest {
                    conversation.summarize(&message);
                }
            }
            for mention in &message.mentions {
                if !conversation.mentions.contains(mention) {
                    conversation.mentions.push(mention.clone());
                }
            }
            conversation.updated_at = conversation.updated_at.max(timestamp);
            messages.insert(at, message);
        })?;
        self.record(event, data);
        Some(())
    }

    /// Records a change for the real-time socket (`website_id` is added to an object payload); it is
    /// published when the write that made it ends (see `state::StoreWrite`).
    pub fn record(&mut self, event: &str, mut data: Value) {
        if !self.recording {
            return;
        }
        if let Some(object) = data.as_object_mut() {
            object
                .entry("website_id")
                .or_insert_with(|| json!(self.website.website_id));
        }
        self.changes.push(Change {
            event: event.to_owned(),
            data,
        });
    }

    /// The changes recorded since the last call, oldest first.
    pub fn take_changes(&mut self) -> Vec<Change> {
        std::mem::take(&mut self.changes)
    }

    /// Re-takes the summary from the latest non-note message after an edit or a removal.
    pub fn resummarize(conversation: &mut Conversation, messages: &[Message]) {
        match messages.iter().rev().find(|message| message.kind != "note") {
            Some(last) => conversation.summarize(last),
            None => {
                conversation.last_message.clear();
                conversation.preview = None;
                conversation.refresh_search();
            }
        }
    }

    /// Every profile, in no particular order.
    pub fn people(&self) -> &[Profile] {
        &self.people
    }

    /// One profile by people_id or email.
    pub fn profile(&self, id_or_email: &str) -> Option<&Profile> {
        self.profile_index(id_or_email)
            .map(|index| &self.people[index])
    }

    /// Where a profile is, by people_id or email.
    pub fn profile_index(&self, id_or_email: &str) -> Option<usize> {
        self.people_index
            .get(id_or_email)
            .or_else(|| self.email_index.get(&id_or_email.to_lowercase()))
            .copied()
    }

    /// The profile using `email`, if any.
    pub fn profile_by_email(&self, email: &str) -> Option<&Profile> {
        self.email_index
            .get(&email.to_lowercase())
            .map(|&index| &self.people[index])
    }

    /// Adds a profile.
    pub fn insert_profile(&mut self, profile: Profile) {
        let index = self.people.len();
        self.people_index.insert(profile.people_id.clone(), index);
        if !profile.email.is_empty() {
            self.email_index.insert(profile.email.clone(), index);
        }
        self.record("people:profile:created", profile.to_json());
        self.people.push(profile);
    }

    /// Changes the profile at `index` through `change`, keeping the email index right.
    pub fn update_profile(&mut self, index: usize, change: impl FnOnce(&mut Profile)) {
        let old_email = self.people[index].email.clone();
        change(&mut self.people[index]);
        let new_email = self.people[index].email.clone();
        if old_email != new_email {
            if self.email_index.get(&old_email) == Some(&index) {
                self.email_index.remove(&old_email);
            }
            if !new_email.is_empty() {
                self.email_index.insert(new_email, index);
            }
        }
        let data = self.people[index].to_json();
        self.record("people:profile:updated", data);
    }

    /// Removes the profile at `index`.
    pub fn remove_profile(&mut self, index: usize) -> Profile {
        let removed = self.people.swap_remove(index);
        self.people_index.remove(&removed.people_id);
        if self.email_index.get(&removed.email) == Some(&index) {
            self.email_index.remove(&removed.email);
        }
        if let Some(moved) = self.people.get(index) {
            self.people_index.insert(moved.people_id.clone(), index);
            if !moved.email.is_empty() {
                self.email_index.insert(moved.email.clone(), index);
            }
        }
        self.record(
            "people:profile:removed",
            json!({ "people_id": removed.people_id }),
        );
        removed
    }

    /// The seeded website or a created one, to change.
    pub fn website_mut(&mut self, website_id: &str) -> Option<&mut Website> {
        if self.website.website_id == website_id {
            return Some(&mut self.website);
        }
        self.created_websites
            .iter_mut()
            .find(|website| website.website_id == website_id)
    }

    /// The operator with `user_id`.
    pub fn operator(&self, user_id: &str) -> Option<&Operator> {
        self.operators
            .iter()
            .find(|operator| operator.user_id == user_id)
    }

    /// A fresh server-chosen fingerprint (see `conventions`).
    pub fn fingerprint(&mut self, now: u64) -> i64 {
        let base = i64::try_from(now).unwrap_or(0).saturating_mul(100);
        // Crisp's fingerprints identify a message in its conversation, so two never share one: several
        // messages can be sent within a millisecond, so each new one is above the last one issued.
        let fingerprint = (base + self.rng.i64(0..100)).max(self.last_fingerprint + 1);
        self.last_fingerprint = fingerprint;
        fingerprint
    }
}
