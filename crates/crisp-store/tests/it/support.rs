//! Realistic objects as Crisp sends them, and a store in a temporary folder.

use crisp_store::Store;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// A store for connection `c1` in a fresh folder (kept alive by the returned guard).
pub fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = Store::open(dir.path(), "c1").expect("a new store opens");
    (dir, store)
}

/// Decodes JSON into a client model, as the client would have.
pub fn decode<T: DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("the client decodes it")
}

/// A conversation's JSON, with a field this build does not know.
pub fn conversation_json(session_id: &str, updated_at: u64, nickname: &str, email: &str) -> Value {
    json!({
        "session_id": session_id,
        "website_id": "8c842203-7ed8-4e29-a608-7cf78a7d2fcc",
        "people_id": "c5e2a9f4-0b6a-4a57-9d8e-1a4f5a6c7d8e",
        "state": "unresolved",
        "status": 1,
        "is_verified": false,
        "is_blocked": false,
        "availability": "offline",
        "active": { "now": false, "last": 1_733_400_000_000u64 },
        "last_message": "Where is my refund?",
        "preview_message": {
            "type": "text", "from": "user", "excerpt": "Where is my refund?", "fingerprint": 163_408_992
        },
        "mentions": [],
        "unread": { "operator": 2, "visitor": 0 },
        "meta": {
            "nickname": nickname,
            "email": email,
            "subject": "Refund for order 1042",
            "segments": ["vip", "billing"],
            "data": { "plan": "pro" },
            "device": { "timezone": -60, "locales": ["fr", "en"], "future_device_field": true }
        },
        "created_at": 1_733_300_000_000u64,
        "updated_at": updated_at,
        "future_field": { "kept": [1, 2, 3] }
    })
}

/// A conversation's JSON (shorthand).
pub fn conversation(session_id: &str, updated_at: u64, nickname: &str, email: &str) -> Value {
    conversation_json(session_id, updated_at, nickname, email)
}

/// A visitor's text message's JSON, with a field this build does not know.
pub fn message_json(session_id: &str, fingerprint: i64, timestamp: u64, text: &str) -> Value {
    json!({
        "session_id": session_id,
        "website_id": "8c842203-7ed8-4e29-a608-7cf78a7d2fcc",
        "type": "text",
        "from": "user",
        "origin": "chat",
        "content": text,
        "stamped": true,
        "fingerprint": fingerprint,
        "timestamp": timestamp,
        "user": { "type": "participant", "user_id": session_id, "nickname": "Jane Doe" },
        "read": "chat",
        "future_message_field": "kept"
    })
}

/// A message's JSON (shorthand).
pub fn message(session_id: &str, fingerprint: i64, timestamp: u64, text: &str) -> Value {
    message_json(session_id, fingerprint, timestamp, text)
}

/// A people profile's JSON, with a field this build does not know.
pub fn profile_json(people_id: &str, updated_at: u64) -> Value {
    json!({
        "people_id": people_id,
        "email": "jane.doe@example.com",
        "person": {
            "nickname": "Jane Doe",
            "geolocation": { "country": "FR", "city": "Nantes" },
            "locales": ["fr"],
            "future_person_field": 7
        },
        "company": { "name": "Acme", "domain": "acme.example" },
        "segments": ["vip"],
        "notepad": "Prefers email.",
        "active": { "now": false, "last": 1_733_400_000_000u64 },
        "score": 4,
        "created_at": 1_733_000_000_000u64,
        "updated_at": updated_at,
        "future_field": "kept"
    })
}

/// A people profile's JSON (shorthand).
pub fn profile(people_id: &str, updated_at: u64) -> Value {
    profile_json(people_id, updated_at)
}

/// The operators list's JSON, one entry with a field this build does not know.
pub fn operators_json() -> Value {
    json!([
        { "type": "operator", "details": {
            "user_id": "a1b2c3d4-0000-4000-8000-000000000001", "email": "owner@acme.example",
            "first_name": "Olive", "last_name": "Owner", "role": "owner", "availability": "online",
            "has_token": true, "future_operator_field": "kept" } },
        { "type": "invitation", "details": { "email": "new@acme.example", "role": "member" } }
    ])
}

/// The operators list's entries.
pub fn operators() -> Vec<Value> {
    serde_json::from_value(operators_json()).expect("a list")
}

/// Any model as JSON, to compare with what was sent.
pub fn json_of<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("models encode")
}
