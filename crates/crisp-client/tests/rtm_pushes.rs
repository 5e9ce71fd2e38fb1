//! Every change the sandbox makes reaches the socket as its contract §5 event, once: each REST write and control
//! injection is followed by a marker event, and exactly the expected events arrive before the marker. Each test is
//! a table of steps (what the sandbox is made to do, the events it must push) run by [`World::run`].

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

/// What a step makes the sandbox do.
enum Change {
    /// A REST call with the sandbox's token: method, path under the website, body.
    Call(Method, String, Option<Value>),
    /// Someone typing in a conversation, through the control API.
    Compose {
        session: String,
        from: &'static str,
        state: &'static str,
        excerpt: Option<&'static str>,
    },
    /// How many visitors are on the website, through the control API.
    Visitors(usize),
    /// An operator's availability, through the control API.
    Availability {
        user_id: String,
        availability: &'static str,
    },
}

/// One row of a test's table: a change and exactly the events it pushes.
struct Step {
    /// The change in words; every failed check names it.
    what: String,
    change: Change,
    /// Why the events are expected; every failed check says it.
    why: &'static str,
    /// In the order pushed, or in name order for [`Step::in_any_order`]; none when the change is no change.
    pushes: Vec<Expected>,
    any_order: bool,
}

impl Step {
    /// `change`, expected to push nothing until [`Step::pushes`] says what.
    fn new(what: impl Into<String>, change: Change, why: &'static str) -> Step {
        Step {
            what: what.into(),
            change,
            why,
            pushes: Vec::new(),
            any_order: false,
        }
    }

    /// The events the change pushes, in the order pushed.
    fn pushes(mut self, events: impl IntoIterator<Item = Expected>) -> Step {
        self.pushes = events.into_iter().collect();
        self
    }

    /// The events arrive in no set order (one write of several fields): they are compared in name order.
    fn in_any_order(mut self) -> Step {
        self.any_order = true;
        self
    }
}

/// One event a step must push: its name, and what else must hold of it.
struct Expected {
    name: &'static str,
    session: Option<String>,
    kind: Option<InboxEvent>,
    receipt: Option<Receipt>,
    data: Vec<(&'static str, Value)>,
    stamped: bool,
}

/// An event named `name`, nothing else checked until the builder methods add checks.
fn event(name: &'static str) -> Expected {
    Expected {
        name,
        session: None,
        kind: None,
        receipt: None,
        data: Vec::new(),
        stamped: false,
    }
}

impl Expected {
    /// It names conversation `session_id`.
    fn session(mut self, session_id: &str) -> Expected {
        self.session = Some(session_id.to_owned());
        self
    }

    /// It is typed as exactly `kind`.
    fn kind(mut self, kind: InboxEvent) -> Expected {
        self.kind = Some(kind);
        self
    }

    /// It is typed as a `receipt`, whatever its origin and fingerprints.
    fn receipt(mut self, receipt: Receipt) -> Expected {
        self.receipt = Some(receipt);
        self
    }

    /// Its payload holds `value` at JSON pointer `pointer` (`""` is the whole payload).
    fn data(mut self, pointer: &'static str, value: Value) -> Expected {
        self.data.push((pointer, value));
        self
    }

    /// Its payload says when, as a millisecond `timestamp`.
    fn stamped(mut self) -> Expected {
        self.stamped = true;
        self
    }

    /// Panics naming `what`, the event and `why` when `pushed` is not this event.
    fn check(&self, pushed: &RtmEvent, index: usize, what: &str, why: &str) {
        let name = self.name;
        let at = format!("{what}: event {index} ({name})");
        if let Some(session) = &self.session {
            assert_eq!(
                pushed.session_id.as_deref(),
                Some(session.as_str()),
                "{at} names its conversation ({why})"
            );
        }
        if let Some(kind) = &self.kind {
            assert_eq!(&pushed.kind, kind, "{at} is typed ({why})");
        }
        if let Some(receipt) = self.receipt {
            assert!(
                matches!(&pushed.kind, InboxEvent::Receipt { receipt: typed, .. } if *typed == receipt),
                "{at} is typed as a {receipt:?} receipt ({why}): {pushed:?}"
            );
        }
        for (pointer, value) in &self.data {
            assert_eq!(
                pushed.data.pointer(pointer),
                Some(value),
                "{at} carries {pointer:?} ({why}): {:?}",
                pushed.data
            );
        }
        if self.stamped {
            assert!(
                pushed.data["timestamp"].is_u64(),
                "{at} says when ({why}): {pushed:?}"
            );
        }
    }
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

    /// Checks that exactly `expected` were pushed since the last call (in name order when `any_order`); a failure
    /// names `what`, the event and `why`.
    async fn expect(&mut self, what: &str, why: &str, expected: &[Expected], any_order: bool) {
        let mut pushed = self.pushed().await;
        if any_order {
            pushed.sort_by(|a, b| a.name.cmp(&b.name));
        }
        assert_eq!(
            names(&pushed),
            expected.iter().map(|event| event.name).collect::<Vec<_>>(),
            "{what} pushes exactly these events ({why})"
        );
        for (index, (pushed, expected)) in pushed.iter().zip(expected).enumerate() {
            expected.check(pushed, index, what, why);
        }
    }

    /// Makes each step's change in turn and checks it pushed exactly the step's events before the next one.
    async fn run(&mut self, steps: impl IntoIterator<Item = Step>) {
        for step in steps {
            self.change(&step.change).await;
            self.expect(&step.what, step.why, &step.pushes, step.any_order)
                .await;
        }
    }

    async fn change(&self, change: &Change) {
        match change {
            Change::Call(method, path, body) => {
                self.call(*method, path, body.clone()).await;
            }
            Change::Compose {
                session,
                from,
                state,
                excerpt,
            } => {
                self.sandbox
                    .inject_compose(session, from, state, *excerpt)
                    .await
            }
            Change::Visitors(count) => self.sandbox.set_visitors(*count).await,
            Change::Availability {
                user_id,
                availability,
            } => {
                self.sandbox
                    .set_operator_availability(user_id, availability)
                    .await
            }
        }
    }

    /// A new conversation with a visitor message (its `message:send` is taken).
    async fn conversation(&mut self) -> String {
        let injected = self.sandbox.inject_conversation("Hello?").await;
        self.expect(
            "the injection",
            "a visitor's first message",
            &[event("message:send")],
            false,
        )
        .await;
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
        .run([
            Step::new(
                "an email change",
                Change::Call(
                    Method::Patch,
                    meta.clone(),
                    Some(json!({ "email": "ada@example.com" })),
                ),
                "a conversation change of this conversation, with the new email",
            )
            .pushes([event("session:set_email")
                .session(&session)
                .kind(InboxEvent::Session {
                    change: "set_email".into(),
                })
                .data("/email", json!("ada@example.com"))]),
            Step::new(
                "every other field at once",
                Change::Call(
                    Method::Patch,
                    meta,
                    Some(json!({
                        "nickname": "Ada", "phone": "+33 6 00 00 00 00", "address": "1 rue de Rivoli",
                        "avatar": "https://example.com/ada.png", "segments": ["vip"], "data": { "plan": "pro" },
                        "device": { "system": { "os": { "name": "Linux" } } },
                        "subject": "Refund", "ip": "203.0.113.9",
                    })),
                ),
                "one event per field with an event of its own (subject and ip have none), each with its new value",
            )
            .in_any_order()
            .pushes([
                event("session:set_address").data("/address", json!("1 rue de Rivoli")),
                event("session:set_avatar").data("/avatar", json!("https://example.com/ada.png")),
                event("session:set_data").data("/data", json!({ "plan": "pro" })),
                event("session:set_nickname").data("/nickname", json!("Ada")),
                event("session:set_phone").data("/phone", json!("+33 6 00 00 00 00")),
                event("session:set_segments").data("/segments", json!(["vip"])),
                event("session:sync:system").data("/system", json!({ "os": { "name": "Linux" } })),
            ]),
        ])
        .await;
}

#[tokio::test]
async fn creating_or_initiating_a_conversation_is_pushed_as_session_request_initiated() {
    let mut world = World::start().await;
    let created = world.call(Method::Post, "/conversation", None).await;
    let created = created["session_id"]
        .as_str()
        .expect("the new conversation's session_id");
    world
        .expect(
            "a new conversation",
            "the created conversation, and when",
            &[event("session:request:initiated")
                .session(created)
                .stamped()],
            false,
        )
        .await;

    let session = world.conversation().await;
    world
        .run([Step::new(
            "initiating a conversation",
            Change::Call(
                Method::Post,
                format!("/conversation/{session}/initiate"),
                None,
            ),
            "the initiated conversation",
        )
        .pushes([event("session:request:initiated").session(&session)])])
        .await;
}

#[tokio::test]
async fn read_unread_and_delivered_receipts_are_pushed_as_message_acknowledge_events() {
    let mut world = World::start().await;
    let session = world.conversation().await;
    let other = world.conversation().await;
    // A receipt written on the first conversation: `read`, `unread` or `delivered`.
    let patch = |receipt: &str, body: Value| {
        Change::Call(
            Method::Patch,
            format!("/conversation/{session}/{receipt}"),
            Some(body),
        )
    };
    let typed = |receipt, origin: Option<&str>| InboxEvent::Receipt {
        receipt,
        origin: origin.map(str::to_owned),
        fingerprints: Vec::new(),
    };
    world
        .run([
            Step::new(
                "the visitor reading",
                patch("read", json!({ "from": "user", "origin": "chat" })),
                "the visitor read what they received",
            )
            .pushes([event("message:acknowledge:read:received")
                .kind(typed(Receipt::ReadByVisitor, Some("chat")))]),
            Step::new(
                "an operator reading",
                patch("read", json!({ "from": "operator", "origin": "chat" })),
                "an operator read what the visitor sent",
            )
            .pushes([event("message:acknowledge:read:send")
                .kind(typed(Receipt::ReadByOperator, Some("chat")))]),
            Step::new(
                "an operator marking unread",
                patch("unread", json!({ "from": "operator" })),
                "the visitor's messages are unread again",
            )
            .pushes([event("message:acknowledge:unread:send")
                .session(&session)
                .kind(typed(Receipt::UnreadByVisitor, None))]),
            Step::new(
                "a delivery",
                patch("delivered", json!({ "from": "user", "origin": "chat" })),
                "a delivery receipt",
            )
            .pushes([event("message:acknowledge:delivered").receipt(Receipt::Delivered)]),
            Step::new(
                "a batch marked unread",
                Change::Call(
                    Method::Patch,
                    "/batch/unread".into(),
                    Some(json!({ "sessions": [session, other] })),
                ),
                "a batch pushes one event per conversation",
            )
            .pushes([
                event("message:acknowledge:unread:send").session(&session),
                event("message:acknowledge:unread:send").session(&other),
            ]),
        ])
        .await;
}

#[tokio::test]
async fn routing_and_removal_single_or_batched_are_pushed_per_conversation() {
    let mut world = World::start().await;
    let first = world.conversation().await;
    let second = world.conversation().await;
    let third = world.conversation().await;
    let operators = world
        .call(Method::Get, "/availability/operators", None)
        .await;
    let user_id = operators[0]["user_id"]
        .as_str()
        .expect("an operator")
        .to_owned();
    let patch = |path: &str, body: Value| Change::Call(Method::Patch, path.to_owned(), Some(body));
    world
        .run([
            Step::new(
                "an assignment",
                patch(
                    &format!("/conversation/{first}/routing"),
                    json!({ "assigned": { "user_id": user_id } }),
                ),
                "the assignee",
            )
            .pushes([event("session:set_routing").data("/assigned/user_id", json!(user_id))]),
            Step::new(
                "a batch assignment",
                patch(
                    "/batch/routing",
                    json!({ "sessions": [first, second], "assigned": null }),
                ),
                "a batch assignment pushes one event per conversation",
            )
            .pushes([
                event("session:set_routing").session(&first),
                event("session:set_routing").session(&second),
            ]),
            Step::new(
                "a removal",
                Change::Call(Method::Delete, format!("/conversation/{first}"), None),
                "typed as a removed conversation",
            )
            .pushes([event("session:removed")
                .session(&first)
                .kind(InboxEvent::SessionRemoved)]),
            Step::new(
                "a batch removal",
                patch("/batch/remove", json!({ "sessions": [second, third] })),
                "a batch removal pushes one event per conversation",
            )
            .pushes([
                event("session:removed")
                    .session(&second)
                    .kind(InboxEvent::SessionRemoved),
                event("session:removed")
                    .session(&third)
                    .kind(InboxEvent::SessionRemoved),
            ]),
        ])
        .await;
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
    world
        .expect(
            "a new profile",
            "created",
            &[event("people:profile:created").kind(typed(ProfileChange::Created))],
            false,
        )
        .await;
    world
        .run([
            Step::new(
                "a profile edit",
                Change::Call(
                    Method::Patch,
                    profile.clone(),
                    Some(json!({ "person": { "nickname": "Grace H." } })),
                ),
                "updated, with the profile as it now is",
            )
            .pushes([event("people:profile:updated")
                .kind(typed(ProfileChange::Updated))
                .data("/person/nickname", json!("Grace H."))]),
            Step::new(
                "a profile replaced",
                Change::Call(
                    Method::Put,
                    profile.clone(),
                    Some(json!({ "email": "grace@example.com", "person": { "nickname": "Grace Hopper" } })),
                ),
                "replaced is updated",
            )
            .pushes([event("people:profile:updated").kind(typed(ProfileChange::Updated))]),
            Step::new(
                "a removed profile",
                Change::Call(Method::Delete, profile, None),
                "removed",
            )
            .pushes([event("people:profile:removed").kind(typed(ProfileChange::Removed))]),
        ])
        .await;
}

#[tokio::test]
async fn an_injected_compose_is_pushed_as_message_compose_send_or_receive() {
    let mut world = World::start().await;
    let session = world.conversation().await;
    world
        .run([
            Step::new(
                "the visitor typing",
                Change::Compose {
                    session: session.clone(),
                    from: "user",
                    state: "start",
                    excerpt: Some("I would like"),
                },
                "the visitor types, with the excerpt",
            )
            .pushes([event("message:compose:send").session(&session).kind(
                InboxEvent::Compose {
                    from: Sender::User,
                    state: Some("start".into()),
                    excerpt: Some("I would like".into()),
                },
            )]),
            Step::new(
                "an operator stopping",
                Change::Compose {
                    session: session.clone(),
                    from: "operator",
                    state: "stop",
                    excerpt: None,
                },
                "an operator stops typing",
            )
            .pushes([event("message:compose:receive").kind(InboxEvent::Compose {
                from: Sender::Operator,
                state: Some("stop".into()),
                excerpt: None,
            })]),
        ])
        .await;
}

#[tokio::test]
async fn visitors_arriving_push_the_new_count_and_an_unchanged_count_pushes_nothing() {
    let mut world = World::start().await;
    let counted = world.call(Method::Get, "/visitors/count", None).await;
    let before = counted["count"].as_u64().expect("a count");
    let after = usize::try_from(before).expect("small") + 2;

    world
        .run([Step::new(
            "two visitors arriving",
            Change::Visitors(after),
            "the new count",
        )
        .pushes([
            event("website:update_visitors_count").kind(InboxEvent::VisitorsCount {
                count: Some(before + 2),
            }),
        ])])
        .await;
    assert_eq!(
        world.call(Method::Get, "/visitors/count", None).await["count"],
        json!(before + 2),
        "the REST count agrees"
    );
    world
        .run([Step::new(
            "the same count again",
            Change::Visitors(after),
            "the same count is no change",
        )])
        .await;
}

#[tokio::test]
async fn operators_changing_availability_push_it_and_the_websites_availability_when_it_flips() {
    let mut world = World::start().await;
    let operators = world
        .call(Method::Get, "/availability/operators", None)
        .await;
    let online: Vec<String> = operators
        .as_array()
        .expect("a list")
        .iter()
        .filter(|operator| operator["type"] == "online")
        .map(|operator| operator["user_id"].as_str().unwrap_or("").to_owned())
        .collect();
    assert!(!online.is_empty(), "the seed has an online operator");
    let website_id = world.sandbox.website_id().to_owned();
    let availability = |user_id: &String, availability| Change::Availability {
        user_id: user_id.clone(),
        availability,
    };

    let mut steps: Vec<Step> = online
        .iter()
        .enumerate()
        .map(|(index, user_id)| {
            let changed = event("website:update_operators_availability").data(
                "",
                json!({ "user_id": user_id, "availability": { "type": "offline" }, "website_id": website_id }),
            );
            let step = Step::new(
                format!("online operator {} of {} leaving", index + 1, online.len()),
                availability(user_id, "offline"),
                "the website is unavailable once its last online operator leaves, each change saying who and how",
            );
            if index + 1 == online.len() {
                step.pushes([
                    changed,
                    event("website:users:available").data("/available", json!(false)),
                ])
            } else {
                step.pushes([changed])
            }
        })
        .collect();
    steps.push(
        Step::new(
            "an operator back online",
            availability(&online[0], "online"),
            "one operator back online makes the website available",
        )
        .pushes([
            event("website:update_operators_availability"),
            event("website:users:available").data("/available", json!(true)),
        ]),
    );
    steps.push(Step::new(
        "the same availability again",
        availability(&online[0], "online"),
        "the same availability is no change",
    ));
    world.run(steps).await;
}
