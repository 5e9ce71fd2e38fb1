//! Serde fixtures from the contract's examples: each answer decodes into its typed output and re-encodes to the
//! same JSON (absent fields aside), so no field is lost or renamed on the way through the app.

use std::path::PathBuf;

use crisp_client::conversations::{Conversation, ConversationState, CreatedConversation};
use crisp_client::envelope::decode;
use crisp_client::messages::{Message, MessageContent, MessageType, SentMessage};
use crisp_client::operators::OperatorEntry;
use crisp_client::people::{AddedPeopleProfile, PeopleActive, PeopleProfile};
use crisp_client::visitors::{Visitor, VisitorCount};
use crisp_client::websites::Website;
use crisp_client::KnownField;
use crisp_client::Response;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{name} is not JSON: {error}"))
}

/// `value` without `null` members (the models write absent fields as `null`).
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

/// Decodes the fixture's `data` as `T` and checks it re-encodes to the same JSON.
fn round_trip<T: DeserializeOwned + Default + Serialize>(name: &str) -> T {
    let answer = fixture(name);
    let decoded: T = decode(&Response::new(200, answer.to_string()))
        .unwrap_or_else(|error| panic!("{name}: {error}"));
    let again =
        serde_json::to_value(&decoded).unwrap_or_else(|error| panic!("{name} re-encodes: {error}"));
    assert_eq!(
        without_nulls(again),
        without_nulls(answer["data"].clone()),
        "{name} must survive decoding and re-encoding unchanged"
    );
    decoded
}

#[test]
fn a_full_conversation_round_trips() {
    let conversation: Conversation = round_trip("conversations/get_conversation.json");
    assert_eq!(
        conversation.state,
        Some(ConversationState::Unresolved),
        "the state is typed"
    );
    assert_eq!(
        conversation
            .preview_message
            .into_known()
            .and_then(|p| p.fingerprint),
        Some(172145903827461),
        "64-bit fingerprints are exact"
    );
}

#[test]
fn listed_conversations_keep_unknown_states_and_fields() {
    let conversations: Vec<Conversation> = round_trip("conversations/search_conversations.json");
    assert_eq!(
        conversations[1].state,
        Some(ConversationState::Other("snoozed".to_owned())),
        "an unknown state is kept"
    );
    assert!(
        conversations[1].extra.contains_key("priority_hint"),
        "an unknown field is kept"
    );
    let created: CreatedConversation = round_trip("conversations/create_conversation.json");
    assert!(created.session_id.is_some(), "the new session ID is read");
}

#[test]
fn messages_round_trip_with_typed_content_and_unknown_types_kept() {
    let messages: Vec<Message> = round_trip("messages/list_messages.json");
    assert!(
        matches!(messages[0].content, Some(MessageContent::Text(_))),
        "text content is a string"
    );
    assert!(
        matches!(messages[1].content, Some(MessageContent::File(_))),
        "file content is typed"
    );
    assert_eq!(
        messages[2].kind,
        Some(MessageType::Other("whisper".to_owned())),
        "an unknown type is kept"
    );
    assert!(
        matches!(messages[2].content, Some(MessageContent::Other(_))),
        "and its content as sent"
    );
    assert_eq!(
        messages[2].fingerprint,
        Some(-524653764345),
        "negative fingerprints are fine"
    );
    let sent: SentMessage = round_trip("messages/send_message.json");
    assert_eq!(
        sent.fingerprint,
        Some(172145930000001),
        "the sent fingerprint is read"
    );
}

#[test]
fn a_full_people_profile_round_trips_and_active_reads_both_ways() {
    let profile: PeopleProfile = round_trip("people/get_people_profile.json");
    assert!(
        matches!(profile.active.known(), Some(PeopleActive::State(_))),
        "active as an object"
    );
    let metrics = profile
        .company
        .into_known()
        .and_then(|company| company.metrics)
        .unwrap_or_default();
    assert_eq!(metrics.arr, Some(5_400_000), "company metrics are read");
    let listed: Vec<PeopleProfile> = round_trip("people/list_people_profiles.json");
    assert_eq!(
        listed[0].active.known(),
        Some(&PeopleActive::Timestamp(1721459038274)),
        "active as an integer"
    );
    let person = listed[1].person.clone().into_known().unwrap_or_default();
    assert!(
        person.extra.contains_key("pronouns"),
        "unknown person fields are kept"
    );
    let added: AddedPeopleProfile = round_trip("people/add_people_profile.json");
    assert!(added.people_id.is_some(), "the new people ID is read");
}

#[test]
fn visitors_websites_and_operators_round_trip() {
    let visitors: Vec<Visitor> = round_trip("visitors/list_visitors.json");
    assert_eq!(
        visitors[0].timezone,
        Some(-120),
        "timezones are signed minutes"
    );
    let count: VisitorCount = round_trip("visitors/count_visitors.json");
    assert_eq!(count.count, Some(14), "the count is read");
    let website: Website = round_trip("websites/get_website.json");
    assert_eq!(website.verified, Some(true), "newer fields are read");
    let operators: Vec<OperatorEntry> = round_trip("operators/list_operators.json");
    assert_eq!(operators.len(), 2, "both wrapped entries are read");
    assert_eq!(
        operators[1]
            .details
            .known()
            .and_then(|d| d.first_name.as_deref()),
        Some("Inês"),
        "UTF-8 names survive"
    );
}

/// Decodes `data` as a page of `T` and re-encodes it, failing the test when the page does not read.
fn page_of<T: DeserializeOwned + Serialize>(data: Value) -> Vec<Value> {
    let body = serde_json::json!({ "error": false, "reason": "listed", "data": data });
    let page: Vec<T> = decode(&Response::new(200, body.to_string()))
        .unwrap_or_else(|error| panic!("one odd item or field must not fail the page: {error}"));
    page.iter()
        .map(|item| serde_json::to_value(item).expect("re-encodes"))
        .collect()
}

#[test]
fn odd_nested_fields_and_items_stay_as_sent_and_the_rest_of_each_page_shows() {
    use serde_json::json;
    let people = page_of::<PeopleProfile>(json!([
        { "people_id": "p1", "email": "ana@example.com", "company": "Acme Inc", "person": { "nickname": "Ana" } },
        "not a profile",
        { "people_id": "p2", "person": { "nickname": "Rui", "geolocation": ["PT"] }, "segments": [1, 2] },
    ]));
    assert_eq!(people.len(), 3, "no profile is dropped");
    assert_eq!(
        people[0]["company"],
        json!("Acme Inc"),
        "a company that is a string is kept as sent"
    );
    assert_eq!(
        people[0]["person"]["nickname"],
        json!("Ana"),
        "the rest of the profile reads"
    );
    assert_eq!(
        people[1],
        json!("not a profile"),
        "an item that is not an object is kept as sent"
    );
    assert_eq!(
        people[2]["segments"],
        json!([1, 2]),
        "segments that are not strings are kept as sent"
    );
    assert_eq!(
        people[2]["person"]["nickname"],
        json!("Rui"),
        "an odd geolocation does not hide the person"
    );

    let visitors = page_of::<Visitor>(json!([
        { "session_id": "s1", "geolocation": "Lisbon", "last_page": { "page_url": "https://example.com" } },
        null,
        { "session_id": "s2", "geolocation": { "city": "Porto", "coordinates": "41,-8" } },
    ]));
    assert_eq!(visitors.len(), 3, "no visitor is dropped");
    assert_eq!(
        visitors[0]["geolocation"],
        json!("Lisbon"),
        "a geolocation that is a string is kept as sent"
    );
    assert_eq!(visitors[1], json!(null), "a null item is kept");
    assert_eq!(
        visitors[2]["geolocation"]["city"],
        json!("Porto"),
        "an odd coordinate keeps the city"
    );

    let messages = page_of::<Message>(json!([
        { "fingerprint": 1, "type": "file", "from": "user", "content": { "name": ["x"], "url": 7 } },
        { "fingerprint": 2, "type": 5, "from": "user", "content": "hello", "user": "Eve", "mentions": {} },
        42,
    ]));
    assert_eq!(messages.len(), 3, "no message is dropped");
    assert_eq!(
        messages[0]["content"],
        json!({ "name": ["x"], "url": 7 }),
        "content of an unexpected shape is kept as sent"
    );
    assert_eq!(
        messages[1]["content"],
        json!("hello"),
        "the text of a message with odd fields reads"
    );
    assert_eq!(
        messages[1]["user"],
        json!("Eve"),
        "a user that is a string is kept as sent"
    );
    assert_eq!(
        messages[2],
        json!(42),
        "an item that is not an object is kept as sent"
    );

    let conversations = page_of::<Conversation>(json!([
        { "session_id": "s1", "state": 3, "meta": { "nickname": "Ana", "device": "phone" }, "unread": "many" },
        [],
    ]));
    assert_eq!(conversations.len(), 2, "no conversation is dropped");
    assert_eq!(
        conversations[0]["meta"]["device"],
        json!("phone"),
        "an odd device keeps the meta"
    );
    assert_eq!(
        conversations[0]["unread"],
        json!("many"),
        "odd unread counts are kept as sent"
    );
    assert_eq!(
        conversations[1],
        json!([]),
        "an item that is not an object is kept as sent"
    );

    let operators = page_of::<OperatorEntry>(json!([
        { "type": "operator", "details": "pending" },
        { "type": "operator", "details": { "user_id": "u1" } },
    ]));
    assert_eq!(
        operators[0]["details"],
        json!("pending"),
        "odd details are kept as sent"
    );
    assert_eq!(
        operators[1]["details"]["user_id"],
        json!("u1"),
        "the other operator reads"
    );
}
