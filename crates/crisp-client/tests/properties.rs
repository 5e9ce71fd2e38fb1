//! Property tests: the envelope decoder, `build()` and the raw path check never panic, and every request that
//! builds stays under `/v1/` on the configured host.

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
    ApiKey, Client, ClientConfig, Credentials, Empty, Error, Method, Request, RequestParts,
    Response, Tier,
};
use proptest::prelude::*;
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

/// Any JSON value, a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|n| json!(n)),
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
}
