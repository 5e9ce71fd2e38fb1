//! Every change the sandbox makes reaches the socket as its contract §5 event, once: each REST write and control
//! injection is followed by a marker event, and exactly the expected events arrive before the marker.

use std::time::Duration;

use crisp_client::messages::Sender;
use crisp_client::rtm::{
    InboxEvent, ProfileChange, Receipt, Reconnect, Rtm, RtmConfig, RtmEvent, RtmStatus,
    INBOX_EVENTS,
};
use crisp_client::{Client, ClientConfig, Credentials, Method, RequestParts, Tier};
use crisp_sandbox::{Sandbox, SandboxConfig};
use serde_json::{json, Value};

/// How long any awaited step may take before the test fails.
const PATIENCE: Duration = Duration::from_secs(10);

/// Emitted through the control API after a change: every event of the change arrives before it.
const MARKER: &str = "test:marker";

/// What the tests listen to: the inbox events, the marker and the presence and meta events outside the inbox list.
fn events() -> Vec<String> {
    INBOX_EVENTS
        .iter()
        .copied()
        .chain([
            MARKER,
            "session:set_address",
            "session:set_avatar",
            "session:sync:system",
            "website:update_operators_availability",
            "website:users:available",
        ])
        .map(str::to_owned)
        .collect()
}

/// A sandbox, a REST client for it and a live socket listening to [`events`].
struct World {
    sandbox: Sandbox,
    client: Client,
    rtm: Rtm,
}

impl World {
    async fn start() -> World {
        let sandbox = crisp_sandbox::spawn(SandboxConfig {
            conversations: 5,
            people: 5,
            ..SandboxConfig::default()
        })
        .await
        .expect("the sandbox starts");
        let mut client = ClientConfig::new(Credentials::new(
            sandbox.identifier(),
            sandbox.key(),
            Tier::User,
        ));
        client.base_url = sandbox.base_url().to_owned();
        let mut config = RtmConfig::new(client.clone());
        config.events = events();
        config.reconnect = Reconnect {
            min: Duration::from_millis(20),
            max: Duration::from_millis(50),
            randomization: 0.75,
        };
        let rtm = Rtm::connect(config);
        let mut status = rtm.status();
        tokio::time::timeout(
            PATIENCE,
            status.wait_for(|status| *status == RtmStatus::Live),
        )
        .await
        .expect("the socket is live in time")
        .expect("the socket task runs");
        sandbox.rtm_wait_authenticated(1).await;
        World {
            sandbox,
            client: Client::new(client).expect("a client"),
            rtm,
        }
    }

    /// Every event pushed since the last call: a marker is emitted and the events before it are answered.
    async fn pushed(&mut self) -> Vec<RtmEvent> {
        self.sandbox.rtm_emit(MARKER, json!({})).await;
        let mut events = Vec::new();
        loop {
            let event = tokio::time::timeout(PATIENCE, self.rtm.next_event())
                .await
                .expect("the marker arrives in time")
                .expect("the socket is still running");
            if event.name == MARKER {
                return events;
            }
            events.push(event);
        }
    }

    /// The one event pushed since the last call.
    async fn one(&mut self, what: &str) -> RtmEvent {
        let mut events = self.pushed().await;
        assert_eq!(
            events.len(),
            1,
            "{what} pushes exactly one event: {:?}",
            names(&events)
        );
        events.remove(0)
    }

    /// A new conversation with a visitor message (its `message:send` is taken).
    async fn conversation(&mut self) -> String {
        let injected = self.sandbox.inject_conversation("Hello?").await;
        assert_eq!(
            names(&self.pushed().await),
            ["message:send"],
            "the injection"
        );
        injected.session_id
    }

    /// A REST call with the sandbox's token; its `data`.
    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Value {
        let mut parts = RequestParts::new(
            method,
            format!("/v1/website/{}{path}", self.sandbox.website_id()),
        );
        parts.body = body;
        self.client
            .execute(&parts)
            .await
            .unwrap_or_else(|error| panic!("{path} answers: {error}"))
            .data
            .unwrap_or(Value::Null)
    }
}

fn names(events: &[RtmEvent]) -> Vec<&str> {
    events.iter().map(|event| event.name.as_str()).collect()
}

#[tokio::test]
async fn each_meta_field_written_is_pushed_as_its_session_set_event() {
    let mut world = World::start().await;
    let session = world.conversation().await;
    let meta = format!("/conversation/{session}/meta");

    world
        .call(
            Method::Patch,
            &meta,
            Some(json!({ "email": "ada@example.com" })),
        )
        .await;
    let event = world.one("an email change").await;
    assert_eq!(
        (
            event.name.as_str(),
            &event.kind,
            event.session_id.as_deref()
        ),
        (
            "session:set_email",
            &InboxEvent::Session {
                change: "set_email".into()
            },
            Some(session.as_str())
        ),
        "typed as a conversation change of this conversation"
    );
    assert_eq!(
        event.data["email"],
        json!("ada@example.com"),
        "the new email"
    );

    world
        .call(
            Method::Patch,
            &meta,
            Some(json!({
                "nickname": "Ada", "phone": "+33 6 00 00 00 00", "address": "1 rue de Rivoli",
                "avatar": "https://example.com/ada.png", "segments": ["vip"], "data": { "plan": "pro" },
                "device": { "system": { "os": { "name": "Linux" } } },
                "subject": "Refund", "ip": "203.0.113.9",
            })),
        )
        .await;
    let mut pushed: Vec<(String, Value)> = world
        .pushed()
        .await
        .into_iter()
        .map(|event| {
            let field = event
                .name
                .rsplit([':', '_'])
                .next()
                .unwrap_or("")
                .to_owned();
            let value = event.data[&field].clone();
            (event.name, value)
        })
        .collect();
    pushed.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        pushed,
        vec![
            ("session:set_address".into(), json!("1 rue de Rivoli")),
            (
                "session:set_avatar".into(),
                json!("https://example.com/ada.png")
            ),
            ("session:set_data".into(), json!({ "plan": "pro" })),
            ("session:set_nickname".into(), json!("Ada")),
            ("session:set_phone".into(), json!("+33 6 00 00 00 00")),
            ("session:set_segments".into(), json!(["vip"])),
            (
                "session:sync:system".into(),
                json!({ "os": { "name": "Linux" } })
            ),
        ],
        "one event per field with an event of its own (subject and ip have none), each with its new value"
    );
}

#[tokio::test]
async fn creating_or_initiating_a_conversation_is_pushed_as_session_request_initiated() {
    let mut world = World::start().await;
    let created = world.call(Method::Post, "/conversation", None).await;
    let event = world.one("a new conversation").await;
    assert_eq!(
        (event.name.as_str(), event.session_id.as_deref()),
        ("session:request:initiated", created["session_id"].as_str()),
        "the created conversation"
    );
    assert!(event.data["timestamp"].is_u64(), "when: {event:?}");

    let session = world.conversation().await;
    world
        .call(
            Method::Post,
            &format!("/conversation/{session}/initiate"),
            None,
        )
        .await;
    let event = world.one("initiating a conversation").await;
    assert_eq!(
        (event.name.as_str(), event.session_id.as_deref()),
        ("session:request:initiated", Some(session.as_str())),
        "the initiated conversation"
    );
}

#[tokio::test]
async fn read_unread_and_delivered_receipts_are_pushed_as_message_acknowledge_events() {
    let mut world = World::start().await;
    let session = world.conversation().await;
    let conversation = format!("/conversation/{session}");

    world
        .call(
            Method::Patch,
            &format!("{conversation}/read"),
            Some(json!({ "from": "user", "origin": "chat" })),
        )
        .await;
    let event = world.one("the visitor reading").await;
    assert_eq!(
        (event.name.as_str(), &event.kind),
        (
            "message:acknowledge:read:received",
            &InboxEvent::Receipt {
                receipt: Receipt::ReadByVisitor,
                origin: Some("chat".into()),
                fingerprints: Vec::new()
            }
        ),
        "the visitor read what they received"
    );

    world
        .call(
            Method::Patch,
            &format!("{conversation}/read"),
            Some(json!({ "from": "operator", "origin": "chat" })),
        )
        .await;
    let event = world.one("an operator reading").await;
    assert_eq!(
        (event.name.as_str(), &event.kind),
        (
            "message:acknowledge:read:send",
            &InboxEvent::Receipt {
                receipt: Receipt::ReadByOperator,
                origin: Some("chat".into()),
                fingerprints: Vec::new()
            }
        ),
        "an operator read what the visitor sent"
    );

    world
        .call(
            Method::Patch,
            &format!("{conversation}/unread"),
            Some(json!({ "from": "operator" })),
        )
        .await;
    let event = world.one("an operator marking unread").await;
    assert_eq!(
        (
            event.name.as_str(),
            event.session_id.as_deref(),
            &event.kind
        ),
        (
            "message:acknowledge:unread:send",
            Some(session.as_str()),
            &InboxEvent::Receipt {
                receipt: Receipt::UnreadByVisitor,
                origin: None,
                fingerprints: Vec::new()
            }
        ),
        "the visitor's messages are unread again"
    );

    world
        .call(
            Method::Patch,
            &format!("{conversation}/delivered"),
            Some(json!({ "from": "user", "origin": "chat" })),
        )
        .await;
    let event = world.one("a delivery").await;
    assert_eq!(
        event.name, "message:acknowledge:delivered",
        "a delivery receipt"
    );
    assert!(
        matches!(
            event.kind,
            InboxEvent::Receipt {
                receipt: Receipt::Delivered,
                ..
            }
        ),
        "typed: {event:?}"
    );

    let other = world.conversation().await;
    world
        .call(
            Method::Patch,
            "/batch/unread",
            Some(json!({ "sessions": [session, other] })),
        )
        .await;
    let pushed = world.pushed().await;
    assert_eq!(
        pushed
            .iter()
            .map(|event| (event.name.as_str(), event.session_id.as_deref()))
            .collect::<Vec<_>>(),
        vec![
            ("message:acknowledge:unread:send", Some(session.as_str())),
            ("message:acknowledge:unread:send", Some(other.as_str())),
        ],
        "a batch pushes one event per conversation"
    );
}

#[tokio::test]
async fn routing_and_removal_single_or_batched_are_pushed_per_conversation() {
    let mut world = World::start().await;
    let first = world.conversation().await;
    let second = world.conversation().await;
    let operators = world
        .call(Method::Get, "/availability/operators", None)
        .await;
    let user_id = operators[0]["user_id"]
        .as_str()
        .expect("an operator")
        .to_owned();

    world
        .call(
            Method::Patch,
            &format!("/conversation/{first}/routing"),
            Some(json!({ "assigned": { "user_id": user_id } })),
        )
        .await;
    let event = world.one("an assignment").await;
    assert_eq!(
        (event.name.as_str(), &event.data["assigned"]["user_id"]),
        ("session:set_routing", &json!(user_id)),
        "the assignee"
    );

    world
        .call(
            Method::Patch,
            "/batch/routing",
            Some(json!({ "sessions": [first, second], "assigned": null })),
        )
        .await;
    let pushed = world.pushed().await;
    assert_eq!(
        pushed
            .iter()
            .map(|event| (event.name.as_str(), event.session_id.as_deref()))
            .collect::<Vec<_>>(),
        vec![
            ("session:set_routing", Some(first.as_str())),
            ("session:set_routing", Some(second.as_str())),
        ],
        "a batch assignment pushes one event per conversation"
    );

    world
        .call(Method::Delete, &format!("/conversation/{first}"), None)
        .await;
    let event = world.one("a removal").await;
    assert_eq!(
        (&event.kind, event.session_id.as_deref()),
        (&InboxEvent::SessionRemoved, Some(first.as_str())),
        "typed as a removed conversation"
    );

    let third = world.conversation().await;
    world
        .call(
            Method::Patch,
            "/batch/remove",
            Some(json!({ "sessions": [second, third] })),
        )
        .await;
    let pushed = world.pushed().await;
    assert_eq!(
        pushed
            .iter()
            .map(|event| (&event.kind, event.session_id.as_deref()))
            .collect::<Vec<_>>(),
        vec![
            (&InboxEvent::SessionRemoved, Some(second.as_str())),
            (&InboxEvent::SessionRemoved, Some(third.as_str())),
        ],
        "a batch removal pushes one event per conversation"
    );
}

#[tokio::test]
async fn people_profiles_created_changed_and_removed_are_pushed_as_people_profile_events() {
    let mut world = World::start().await;
    let added = world
        .call(
            Method::Post,
            "/people/profile",
            Some(json!({ "email": "grace@example.com", "person": { "nickname": "Grace" } })),
        )
        .await;
    let people_id = added["people_id"].as_str().expect("a people_id").to_owned();
    let profile = format!("/people/profile/{people_id}");
    let typed = |change| InboxEvent::Profile {
        change,
        people_id: Some(people_id.clone()),
    };

    assert_eq!(
        world.one("a new profile").await.kind,
        typed(ProfileChange::Created),
        "created"
    );
    world
        .call(
            Method::Patch,
            &profile,
            Some(json!({ "person": { "nickname": "Grace H." } })),
        )
        .await;
    let event = world.one("a profile edit").await;
    assert_eq!(event.kind, typed(ProfileChange::Updated), "updated");
    assert_eq!(
        event.data["person"]["nickname"],
        json!("Grace H."),
        "the profile as it now is"
    );
    world
        .call(
            Method::Put,
            &profile,
            Some(json!({ "email": "grace@example.com", "person": { "nickname": "Grace Hopper" } })),
        )
        .await;
    assert_eq!(
        world.one("a profile replaced").await.kind,
        typed(ProfileChange::Updated),
        "replaced is updated"
    );
    world.call(Method::Delete, &profile, None).await;
    assert_eq!(
        world.one("a removed profile").await.kind,
        typed(ProfileChange::Removed),
        "removed"
    );
}

#[tokio::test]
async fn an_injected_compose_is_pushed_as_message_compose_send_or_receive() {
    let mut world = World::start().await;
    let session = world.conversation().await;

    world
        .sandbox
        .inject_compose(&session, "user", "start", Some("I would like"))
        .await;
    let event = world.one("the visitor typing").await;
    assert_eq!(
        (
            event.name.as_str(),
            event.session_id.as_deref(),
            &event.kind
        ),
        (
            "message:compose:send",
            Some(session.as_str()),
            &InboxEvent::Compose {
                from: Sender::User,
                state: Some("start".into()),
                excerpt: Some("I would like".into())
            }
        ),
        "the visitor types, with the excerpt"
    );

    world
        .sandbox
        .inject_compose(&session, "operator", "stop", None)
        .await;
    let event = world.one("an operator stopping").await;
    assert_eq!(
        (event.name.as_str(), &event.kind),
        (
            "message:compose:receive",
            &InboxEvent::Compose {
                from: Sender::Operator,
                state: Some("stop".into()),
                excerpt: None
            }
        ),
        "an operator stops typing"
    );
}

#[tokio::test]
async fn visitors_arriving_push_the_new_count_and_an_unchanged_count_pushes_nothing() {
    let mut world = World::start().await;
    let counted = world.call(Method::Get, "/visitors/count", None).await;
    let before = counted["count"].as_u64().expect("a count");

    world
        .sandbox
        .set_visitors(usize::try_from(before).expect("small") + 2)
        .await;
    let event = world.one("two visitors arriving").await;
    assert_eq!(
        event.kind,
        InboxEvent::VisitorsCount {
            count: Some(before + 2)
        },
        "the new count"
    );
    assert_eq!(
        world.call(Method::Get, "/visitors/count", None).await["count"],
        json!(before + 2),
        "the REST count agrees"
    );
    world
        .sandbox
        .set_visitors(usize::try_from(before).expect("small") + 2)
        .await;
    assert!(
        world.pushed().await.is_empty(),
        "the same count is no change"
    );
}

#[tokio::test]
async fn operators_changing_availability_push_it_and_the_websites_availability_when_it_flips() {
    let mut world = World::start().await;
    let operators = world
        .call(Method::Get, "/availability/operators", None)
        .await;
    let operators: Vec<(String, String)> = operators
        .as_array()
        .expect("a list")
        .iter()
        .map(|operator| {
            (
                operator["user_id"].as_str().unwrap_or("").to_owned(),
                operator["type"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let online: Vec<&String> = operators
        .iter()
        .filter(|(_, kind)| kind == "online")
        .map(|(user_id, _)| user_id)
        .collect();
    assert!(!online.is_empty(), "the seed has an online operator");

    for (index, user_id) in online.iter().enumerate() {
        world
            .sandbox
            .set_operator_availability(user_id, "offline")
            .await;
        let pushed = world.pushed().await;
        let last = index + 1 == online.len();
        let expected: &[&str] = if last {
            &[
                "website:update_operators_availability",
                "website:users:available",
            ]
        } else {
            &["website:update_operators_availability"]
        };
        assert_eq!(
            names(&pushed),
            expected,
            "the website is unavailable once its last online operator leaves"
        );
        assert_eq!(
            pushed[0].data,
            json!({ "user_id": user_id, "availability": { "type": "offline" }, "website_id": world.sandbox.website_id() }),
            "who and how"
        );
        if last {
            assert_eq!(
                pushed[1].data["available"],
                json!(false),
                "nobody is online"
            );
        }
    }
    world
        .sandbox
        .set_operator_availability(online[0], "online")
        .await;
    let pushed = world.pushed().await;
    assert_eq!(
        (names(&pushed), &pushed[1].data["available"]),
        (
            vec![
                "website:update_operators_availability",
                "website:users:available"
            ],
            &json!(true)
        ),
        "one operator back online makes the website available"
    );
    world
        .sandbox
        .set_operator_availability(online[0], "online")
        .await;
    assert!(
        world.pushed().await.is_empty(),
        "the same availability is no change"
    );
}
