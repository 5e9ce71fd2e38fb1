//! Property tests: the envelope decoder, `build()` and the raw path check never panic, every request that
//! builds stays under `/v1/` on the configured host, and one odd item or nested field never fails a list page.

use crisp_client::conversations::{
    Conversation, ConversationMeta, GetConversation, SearchConversations,
};
use crisp_client::envelope::{decode, decode_raw, error_of};
use crisp_client::messages::{GetMessage, ListMessages, Message, MessageBatch, UpdateMessage};
use crisp_client::operators::OperatorEntry;
use crisp_client::people::{GetPeopleProfile, PeopleProfile, RemovePeopleProfile};
use crisp_client::raw::{check_path, CallApi};
use crisp_client::visitors::{ListVisitors, Visitor, VisitorCount};
use crisp_client::websites::{CheckWebsiteExists, GetWebsite, Website};
use crisp_client::{
    ApiKey, Client, ClientConfig, Credentials, Empty, Error, Lenient, Method, Request,
    RequestParts, Response, Tier,
};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

const BASE: &str = "https://api.crisp.chat";

/// One client for every case: building a TLS client is the slow part.
fn client() -> &'static Client {
    static CLIENT: std::sync::OnceLock<Client> = std::sync::OnceLock::new();
    CLIENT.get_or_init(|| {
        let credentials = Credentials {
            identifier: "id".to_owned(),
            key: ApiKey::from("key"),
            tier: Tier::User,
        };
        Client::new(ClientConfig {
            base_url: BASE.to_owned(),
            ..ClientConfig::new(credentials)
        })
        .expect("valid config")
    })
}

/// Any JSON value, a few levels deep. Floats are quarters, which JSON text carries exactly (serde_json reads some
/// long floats back a unit in the last place away: the parser's business, not the models').
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<i32>().prop_map(|n| json!(f64::from(n) / 4.0)),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("session_id".to_owned()),
                    Just("fingerprint".to_owned()),
                    Just("active".to_owned()),
                    Just("content".to_owned()),
                    Just("type".to_owned()),
                    Just("meta".to_owned()),
                    Just("name".to_owned()),
                    Just("nickname".to_owned()),
                    Just("city".to_owned()),
                    Just("geolocation".to_owned()),
                    Just("coordinates".to_owned()),
                    Just("latitude".to_owned()),
                    Just("details".to_owned()),
                    Just("user_id".to_owned()),
                    "[a-z_]{1,8}",
                ],
                inner,
                0..6
            )
            .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Strings that look like IDs, and strings built to escape a path segment.
fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9_-]{1,20}",
        "[a-z0-9./%?#@:\\\\ -]{0,16}",
        Just("..".to_owned()),
        Just("%2e%2e".to_owned()),
        Just("a/../../b".to_owned()),
        any::<String>(),
    ]
}

/// Every output shape: decoding may fail, but only as an `Error`, never a panic.
fn decode_all(response: &Response) {
    let _ = decode::<Vec<Conversation>>(response);
    let _ = decode::<Conversation>(response);
    let _ = decode::<ConversationMeta>(response);
    let _ = decode::<Vec<Message>>(response);
    let _ = decode::<PeopleProfile>(response);
    let _ = decode::<Vec<PeopleProfile>>(response);
    let _ = decode::<Vec<Visitor>>(response);
    let _ = decode::<VisitorCount>(response);
    let _ = decode::<Website>(response);
    let _ = decode::<Vec<OperatorEntry>>(response);
    let _ = decode::<Empty>(response);
    let _ = decode_raw(response);
    let _ = error_of(response);
    let _ = ListMessages::interpret(response.clone()).map(|batch: MessageBatch| batch.more);
    let _ = CheckWebsiteExists::interpret(response.clone());
    let _ = CallApi::interpret(response.clone());
}

/// The items of a list fixture's `data`.
fn fixture_items(name: &str) -> Vec<Value> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("the fixture exists");
    let answer: Value = serde_json::from_str(&text).expect("the fixture is JSON");
    answer["data"].as_array().cloned().expect("a list fixture")
}

/// Decodes `items` as one page of `T`: it must read, keep every item in place, and read every item of `good`
/// (by index) exactly as that item reads alone.
fn read_page<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(
    items: &[Value],
    good: &[usize],
) -> Result<Vec<T>, TestCaseError> {
    let body = json!({ "error": false, "reason": "ok", "data": items });
    let page = decode::<Vec<T>>(&Response::new(200, body.to_string()));
    prop_assert!(
        page.is_ok(),
        "one odd item must not fail the page: {:?}",
        page.as_ref().err()
    );
    let page = page.unwrap_or_default();
    prop_assert_eq!(page.len(), items.len(), "no item is dropped from the page");
    for &index in good {
        let alone: T = serde_json::from_value(items[index].clone()).expect("a fixture item reads");
        prop_assert_eq!(
            &page[index],
            &alone,
            "the other items read exactly as they do alone"
        );
    }
    Ok(page)
}

/// `items` with `value` put at `at` (wrapping), and the indexes of the untouched items.
fn with_item(mut items: Vec<Value>, at: usize, value: Value) -> (Vec<Value>, Vec<usize>, usize) {
    let at = at % (items.len() + 1);
    items.insert(at, value);
    let good = (0..items.len()).filter(|&index| index != at).collect();
    (items, good, at)
}

/// `item` with `value` at the dotted `path`, creating objects on the way.
fn with_field(mut item: Value, path: &str, value: Value) -> Value {
    let mut slot = &mut item;
    for key in path.split('.') {
        if !slot.is_object() {
            *slot = json!({});
        }
        slot = slot
            .as_object_mut()
            .map(|map| map.entry(key.to_owned()).or_insert(Value::Null))
            .expect("made an object above");
    }
    *slot = value;
    item
}

/// The item at `at` of a page that had `slot` put there: an object reads as a typed item (so the UI may treat any
/// object item as one), anything else is kept whole and re-encodes to exactly `slot`.
macro_rules! check_item_slot {
    ($model:ty, $fixture:expr, $slot:expr, $at:expr) => {{
        let (items, good, at) = with_item(fixture_items($fixture), $at, $slot.clone());
        let page = read_page::<$model>(&items, &good)?;
        let odd = &page[at];
        prop_assert_eq!(
            odd.unknown.is_none(),
            $slot.is_object(),
            "only a non-object item is kept raw"
        );
        if !$slot.is_object() {
            prop_assert_eq!(
                serde_json::to_value(odd).ok(),
                Some($slot.clone()),
                "a raw item re-encodes to what was sent"
            );
        }
    }};
}

/// A fixture item with `value` at one of `paths` (picked by `at`; `""` is the whole item) reads the same straight
/// from the body as from its JSON tree, alone and as a page.
macro_rules! check_same_both_ways {
    ($model:ty, $fixture:expr, $value:expr, $at:expr, [$($path:expr),*]) => {{
        let paths = [$($path),*];
        let path = paths[$at % paths.len()];
        let mut items = fixture_items($fixture);
        items[0] = if path.is_empty() { $value.clone() } else { with_field(items[0].clone(), path, $value.clone()) };
        let item = items[0].clone();
        let from_body: $model = serde_json::from_str(&item.to_string()).expect("any JSON reads from the body");
        let from_tree: $model = serde_json::from_value(item).expect("any JSON reads from its tree");
        prop_assert_eq!(&from_body, &from_tree, "{} with {} at {:?}", stringify!($model), $value, path);
        let page = Value::Array(items);
        let from_body: Vec<$model> = serde_json::from_str(&page.to_string()).expect("a page reads from the body");
        let from_tree: Vec<$model> = serde_json::from_value(page).expect("a page reads from its tree");
        prop_assert_eq!(from_body, from_tree, "a page of {}", stringify!($model));
    }};
}

/// Every nested `path` of the fixture's first item set to `value`: the item still reads as a typed item, the
/// others survive, and each top-level `Lenient` field named in `fields` that did not read keeps `value` as sent.
macro_rules! check_nested {
    ($model:ty, $fixture:expr, $value:expr, [$($field:ident),*], [$($path:expr),*]) => {{
        let items = fixture_items($fixture);
        $(
            let mut odd = items.clone();
            odd[0] = with_field(odd[0].clone(), stringify!($field), $value.clone());
            let page = read_page::<$model>(&odd, &(1..odd.len()).collect::<Vec<_>>())?;
            prop_assert!(page[0].unknown.is_none(), "an odd {} keeps the item readable", stringify!($field));
            match page[0].$field.as_ref() {
                None => prop_assert!($value.is_null(), "only null reads as absent for {}", stringify!($field)),
                Some(Lenient::Unknown(raw)) => {
                    prop_assert_eq!(raw, &$value, "an unknown {} is kept as sent", stringify!($field));
                    let again = serde_json::to_value(&page[0]).expect("re-encodes");
                    prop_assert_eq!(&again[stringify!($field)], &$value, "an unknown {} re-encodes to what was sent", stringify!($field));
                }
                Some(Lenient::Known(_)) => {}
            }
        )*
        $(
            let mut odd = items.clone();
            odd[0] = with_field(odd[0].clone(), $path, $value.clone());
            let page = read_page::<$model>(&odd, &(1..odd.len()).collect::<Vec<_>>())?;
            prop_assert!(page[0].unknown.is_none(), "an odd {} keeps the item readable", $path);
        )*
    }};
}

/// Sets a struct-typed `Lenient` field to `value`: any object reads as known, so "is an object" is all the UI
/// checks before reading it as typed.
macro_rules! check_objects_read {
    ($model:ty, $fixture:expr, $value:expr, [$($field:ident),*]) => {{
        let items = fixture_items($fixture);
        $(
            let item = with_field(items[0].clone(), stringify!($field), $value.clone());
            let read: $model = serde_json::from_value(item).expect("an item with an object field reads");
            prop_assert_eq!(
                read.$field.as_ref().and_then(Lenient::known).is_some(),
                $value.is_object(),
                "{} is known exactly when it is an object", stringify!($field)
            );
        )*
    }};
}

/// The built request, once joined to the host, stays under `/v1/` there.
fn assert_stays_on_host(parts: &RequestParts) -> Result<(), TestCaseError> {
    prop_assert!(
        parts.path.starts_with("/v1/"),
        "built path {:?} must start with /v1/",
        parts.path
    );
    let url = client().url_for(parts);
    prop_assert!(url.is_ok(), "a built request must have a URL: {:?}", url);
    let url = url.unwrap_or_default();
    prop_assert!(
        url.starts_with(&format!("{BASE}/v1/")),
        "{url} must stay under /v1/ on the API host"
    );
    Ok(())
}

/// A build either succeeds on the host or names the bad input.
fn check_build(request: &impl Request) -> Result<(), TestCaseError> {
    match request.build() {
        Ok(parts) => assert_stays_on_host(&parts),
        Err(Error::InvalidInput { .. }) => Ok(()),
        Err(other) => Err(TestCaseError::fail(format!(
            "build may only fail as invalid input, got {other:?}"
        ))),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_the_envelope_decoder(status in 100_u16..600, body in prop::collection::vec(any::<u8>(), 0..256)) {
        decode_all(&Response::new(status, body));
    }

    #[test]
    fn arbitrary_json_never_panics_the_envelope_decoder(
        status in prop_oneof![Just(200_u16), Just(206), Just(400), Just(404), Just(429), Just(503), 100_u16..600],
        data in json_value(),
        reason in prop::option::of(".{0,10}"),
        wrap in any::<bool>(),
    ) {
        let body = if wrap { json!({ "error": status >= 400, "reason": reason, "data": data }) } else { data };
        decode_all(&Response::new(status, body.to_string()));
    }

    #[test]
    fn empty_data_always_decodes_to_the_default(status in 200_u16..300, shape in 0_usize..3) {
        let body = match shape {
            0 => json!({ "error": false, "reason": "ok" }),
            1 => json!({ "error": false, "reason": "ok", "data": null }),
            _ => json!({ "error": false, "reason": "ok", "data": {} }),
        };
        let response = Response::new(status, body.to_string());
        prop_assert!(decode::<Vec<Conversation>>(&response).is_ok(), "a list with no data is empty");
        prop_assert!(decode::<PeopleProfile>(&response).is_ok(), "a model with no data is empty");
    }

    #[test]
    fn built_paths_with_arbitrary_ids_stay_under_v1_on_the_host(
        website in id(), session in id(), people in id(), fingerprint in any::<i64>(), page in any::<u32>(),
        per_page in prop::option::of(any::<u32>()), query in prop::option::of(".{0,20}"),
    ) {
        check_build(&GetConversation::new(website.clone(), session.clone()))?;
        let mut search = SearchConversations::new(website.clone());
        search.page = page;
        search.per_page = per_page;
        search.filter_assigned = query.clone();
        if let Some(query) = query.clone() {
            search = search.search_text(query);
        }
        check_build(&search)?;
        check_build(&GetMessage::new(website.clone(), session.clone(), fingerprint))?;
        check_build(&UpdateMessage::new(website.clone(), session.clone(), fingerprint, crisp_client::messages::MessageContent::Text("x".into())))?;
        check_build(&GetPeopleProfile::new(website.clone(), people.clone()))?;
        check_build(&RemovePeopleProfile::new(website.clone(), people))?;
        let mut visitors = ListVisitors::new(website.clone());
        visitors.page = page;
        check_build(&visitors)?;
        check_build(&GetWebsite::new(website))?;
        check_build(&CheckWebsiteExists::new(session))?;
    }

    #[test]
    fn raw_paths_that_pass_the_check_stay_under_v1_on_the_host(
        tail in prop_oneof![
            "[a-z0-9./%?#@:\\\\ _-]{0,24}",
            any::<String>(),
            Just("../admin".to_owned()),
            Just("%2E%2E/x".to_owned()),
            Just("/evil.example/x".to_owned()),
        ],
        prefix in prop_oneof![Just("/v1/"), Just("/v1"), Just(""), Just("https://evil.example/v1/"), Just("//")],
        method in prop_oneof![Just(Method::Get), Just(Method::Post), Just(Method::Head)],
    ) {
        let path = format!("{prefix}{tail}");
        let checked = check_path(&path).is_ok();
        match CallApi::new(method, path.clone()).build() {
            Ok(parts) => {
                prop_assert!(checked, "build must agree with the path check for {path:?}");
                assert_stays_on_host(&parts)?;
            }
            Err(Error::InvalidInput { field, .. }) => prop_assert!(!checked || field != "path", "{path:?} refused inconsistently"),
            Err(other) => return Err(TestCaseError::fail(format!("raw build may only fail as invalid input: {other:?}"))),
        }
    }

    #[test]
    fn an_arbitrary_list_item_never_fails_its_page_and_every_other_item_survives(slot in json_value(), at in 0_usize..4) {
        check_item_slot!(Conversation, "conversations/search_conversations.json", slot, at);
        check_item_slot!(Message, "messages/list_messages.json", slot, at);
        check_item_slot!(PeopleProfile, "people/list_people_profiles.json", slot, at);
        check_item_slot!(Visitor, "visitors/list_visitors.json", slot, at);
        check_item_slot!(OperatorEntry, "operators/list_operators.json", slot, at);
    }

    #[test]
    fn an_arbitrary_nested_value_is_kept_as_unknown_and_never_fails_its_item(value in json_value()) {
        check_nested!(Conversation, "conversations/search_conversations.json", value,
            [active, preview_message, verifications, participants, mentions, unread, assigned, meta],
            ["state", "session_id", "updated_at", "meta.segments", "meta.device", "meta.device.geolocation",
             "meta.device.geolocation.coordinates", "meta.device.system", "meta.device.system.browser",
             "meta.connection", "meta.data", "unread.operator", "compose"]);
        check_nested!(Message, "messages/list_messages.json", value,
            [preview, mentions, user, references, original],
            ["type", "from", "content", "content.url", "fingerprint", "timestamp", "user.nickname", "preview.0"]);
        check_nested!(PeopleProfile, "people/list_people_profiles.json", value,
            [person, company, segments, active],
            ["person.nickname", "person.geolocation", "person.geolocation.coordinates.latitude", "person.profiles",
             "person.employment", "person.locales", "person.timezone", "company.name", "company.metrics",
             "company.metrics.arr", "company.geolocation", "company.tags", "active.last", "score"]);
        check_nested!(Visitor, "visitors/list_visitors.json", value,
            [last_page, geolocation, capabilities, locales],
            ["geolocation.city", "geolocation.coordinates", "last_page.page_url", "timezone", "active"]);
        check_nested!(OperatorEntry, "operators/list_operators.json", value,
            [details], ["type", "details.user_id", "details.first_name"]);
    }

    #[test]
    fn a_model_read_straight_from_the_body_is_the_model_its_json_tree_reads_as(value in json_value(), at in 0_usize..64) {
        check_same_both_ways!(Conversation, "conversations/search_conversations.json", value, at,
            ["", "state", "session_id", "extra_field", "active", "active.now", "unread", "unread.operator", "meta",
             "meta.segments", "meta.data", "meta.odd", "meta.device", "meta.device.system.os", "meta.device.timezone",
             "meta.device.geolocation.coordinates", "verifications", "verifications.0", "compose", "updated_at"]);
        check_same_both_ways!(Message, "messages/list_messages.json", value, at,
            ["", "type", "content", "user", "user.nickname", "original", "preview", "preview.0", "extra_field"]);
        check_same_both_ways!(PeopleProfile, "people/list_people_profiles.json", value, at,
            ["", "person", "person.geolocation", "person.employment", "company", "company.metrics", "active", "score"]);
        check_same_both_ways!(Visitor, "visitors/list_visitors.json", value, at,
            ["", "last_page", "geolocation", "geolocation.coordinates", "capabilities", "timezone"]);
        check_same_both_ways!(OperatorEntry, "operators/list_operators.json", value, at,
            ["", "details", "details.key", "details.user_id", "type"]);
    }

    #[test]
    fn a_nested_object_always_reads_as_known(value in json_value()) {
        check_objects_read!(Conversation, "conversations/search_conversations.json", value,
            [active, preview_message, unread, assigned, meta]);
        check_objects_read!(Message, "messages/list_messages.json", value, [user, original]);
        check_objects_read!(PeopleProfile, "people/list_people_profiles.json", value, [person, company]);
        check_objects_read!(Visitor, "visitors/list_visitors.json", value, [last_page, geolocation]);
        check_objects_read!(OperatorEntry, "operators/list_operators.json", value, [details]);
    }
}
