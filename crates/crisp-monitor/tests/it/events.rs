//! What one poll turns into events and notifications.

use crisp_client::conversations::{ChangeConversationState, ConversationState};
use crisp_client::messages::{SendMessage, SendMessageBody};
use crisp_client::people::{AddPeopleProfile, PeopleProfileWrite, Person};
use crisp_monitor::{EventSwitches, MonitorEvent, MonitorSettings};
use crisp_sandbox::Tier;

use crate::support::World;

fn kinds(events: &[MonitorEvent]) -> Vec<&'static str> {
    events.iter().map(MonitorEvent::kind).collect()
}

#[tokio::test]
async fn the_first_poll_sets_the_cursor_and_announces_nothing() {
    let world = World::start(Tier::User).await;
    let (monitor, notifier) = world.monitor(MonitorSettings::default());
    let report = monitor.poll_once().await;
    assert!(
        report.events.is_empty(),
        "old conversations are not news: {:?}",
        report.events
    );
    assert!(
        notifier.notifications().is_empty(),
        "nor worth a notification"
    );
    assert_eq!(
        report.requests, 1,
        "one page of conversations establishes the cursor"
    );
}

#[tokio::test]
async fn a_visitor_message_gives_exactly_one_event_and_one_notification_in_one_poll() {
    let world = World::start(Tier::User).await;
    let (monitor, notifier) = world.monitor(MonitorSettings::default());
    let first = monitor.poll_once().await;
    assert!(
        first.events.is_empty(),
        "the first poll only sets the cursor"
    );
    let session_id = world.new_conversation("Where is my parcel?").await;
    let session_id = world
        .sandbox
        .inject_message(&session_id, "It was due Monday")
        .await
        .session_id;

    let report = monitor.poll_once().await;
    let received: Vec<&MonitorEvent> = report
        .events
        .iter()
        .filter(|event| matches!(event, MonitorEvent::VisitorMessageReceived { .. }))
        .collect();
    assert_eq!(
        received.len(),
        2,
        "both visitor messages of the new conversation: {:?}",
        report.events
    );
    assert!(
        matches!(report.events.first(), Some(MonitorEvent::ConversationCreated { session_id: id, .. }) if *id == session_id),
        "the new conversation is announced first: {:?}",
        report.events
    );
    let shown = notifier.notifications();
    assert_eq!(shown.len(), 1, "one notification per conversation per poll");
    assert_eq!(
        shown[0].session_id, session_id,
        "clicking it opens that conversation"
    );
    assert_eq!(shown[0].messages, 2, "it stands for both messages");
    assert!(
        shown[0].body.starts_with("It was due Monday"),
        "it shows the latest: {}",
        shown[0].body
    );

    world.sandbox.inject_message(&session_id, "Any news?").await;
    let report = monitor.poll_once().await;
    assert_eq!(
        kinds(&report.events),
        ["visitor_message_received"],
        "one injected message, one event"
    );
    match &report.events[0] {
        MonitorEvent::VisitorMessageReceived {
            excerpt,
            session_id: id,
            nickname,
            ..
        } => {
            assert_eq!(excerpt, "Any news?", "the event carries the message's text");
            assert_eq!(id, &session_id, "and its conversation");
            assert_eq!(
                nickname.as_deref(),
                Some("Dana Visitor"),
                "and the visitor's name"
            );
        }
        other => panic!("a visitor message event, not {other:?}"),
    }
    assert_eq!(
        notifier.notifications().len(),
        2,
        "and exactly one more notification"
    );
    let again = monitor.poll_once().await;
    assert!(
        again.events.is_empty(),
        "nothing happened since: {:?}",
        again.events
    );
    assert_eq!(
        notifier.notifications().len(),
        2,
        "so nothing is notified twice"
    );
}

#[tokio::test]
async fn an_operators_own_message_gives_no_event_and_no_notification() {
    let world = World::start(Tier::User).await;
    let (monitor, notifier) = world.monitor(MonitorSettings::default());
    let session_id = world.new_conversation("Hello?").await;
    monitor.poll_once().await;
    let reply = SendMessage::new(
        world.website_id(),
        &session_id,
        SendMessageBody::text("Hi, how can I help?"),
    );
    world
        .client
        .send(&reply)
        .await
        .expect("the operator replies");

    let report = monitor.poll_once().await;
    assert!(
        !report
            .events
            .iter()
            .any(|event| matches!(event, MonitorEvent::VisitorMessageReceived { .. })),
        "an operator's message is not a visitor message: {:?}",
        report.events
    );
    assert!(
        notifier.notifications().is_empty(),
        "operators are never notified of their own messages"
    );
}

#[tokio::test]
async fn a_state_change_is_announced_with_both_states() {
    let world = World::start(Tier::User).await;
    let (monitor, _) = world.monitor(MonitorSettings::default());
    let session_id = world.new_conversation("Thanks, solved").await;
    monitor.poll_once().await;
    monitor.poll_once().await;
    let resolve =
        ChangeConversationState::new(world.website_id(), &session_id, ConversationState::Resolved);
    world
        .client
        .send(&resolve)
        .await
        .expect("the conversation is resolved");

    let report = monitor.poll_once().await;
    assert_eq!(
        report.events,
        vec![MonitorEvent::ConversationStateChanged {
            session_id,
            from: Some(ConversationState::Pending),
            to: ConversationState::Resolved,
        }],
        "a state change and nothing else"
    );
}

#[tokio::test]
async fn do_not_disturb_keeps_the_events_and_drops_the_notification() {
    let world = World::start(Tier::User).await;
    let settings = MonitorSettings {
        do_not_disturb: true,
        ..MonitorSettings::default()
    };
    let (monitor, notifier) = world.monitor(settings);
    monitor.poll_once().await;
    world.new_conversation("Anyone there?").await;
    let report = monitor.poll_once().await;
    assert!(
        report
            .events
            .iter()
            .any(|event| matches!(event, MonitorEvent::VisitorMessageReceived { .. })),
        "the list still updates live: {:?}",
        report.events
    );
    assert!(
        notifier.notifications().is_empty(),
        "do not disturb shows nothing"
    );
}

#[tokio::test]
async fn switched_off_kinds_are_neither_emitted_nor_requested() {
    let world = World::start(Tier::User).await;
    let settings = MonitorSettings {
        events: EventSwitches {
            conversation_created: false,
            visitor_message_received: false,
            conversation_state_changed: false,
            people_profile_changed: false,
            visitors_count_changed: false,
        },
        notifications: false,
        ..MonitorSettings::default()
    };
    let (monitor, notifier) = world.monitor(settings);
    monitor.poll_once().await;
    world.new_conversation("Hello?").await;
    world.sandbox.clear_requests().await;
    let report = monitor.poll_once().await;
    assert!(
        report.events.is_empty(),
        "every kind is off: {:?}",
        report.events
    );
    assert!(notifier.notifications().is_empty(), "notifications are off");
    assert!(
        world.sandbox.requests().await.is_empty(),
        "nothing to watch costs no request"
    );
}

#[tokio::test]
async fn a_new_or_changed_people_profile_is_announced() {
    let world = World::start(Tier::User).await;
    let settings = MonitorSettings {
        events: EventSwitches {
            people_profile_changed: true,
            visitors_count_changed: true,
            ..EventSwitches::default()
        },
        ..MonitorSettings::default()
    };
    let (monitor, _) = world.monitor(settings);
    let first = monitor.poll_once().await;
    assert!(
        first.events.is_empty(),
        "existing profiles and the current count are not news"
    );
    assert_eq!(
        first.requests, 3,
        "conversations, people and the visitors count"
    );
    let body = PeopleProfileWrite {
        email: "new.person@example.com".to_owned(),
        person: Some(Person {
            nickname: Some("New Person".to_owned()),
            ..Person::default()
        }),
        ..PeopleProfileWrite::default()
    };
    world
        .client
        .send(&AddPeopleProfile::new(world.website_id(), body))
        .await
        .expect("a profile is added");
    let report = monitor.poll_once().await;
    match report.events.as_slice() {
        [MonitorEvent::PeopleProfileChanged {
            email,
            nickname,
            created,
            ..
        }] => {
            assert_eq!(
                email.as_deref(),
                Some("new.person@example.com"),
                "the added profile"
            );
            assert_eq!(nickname.as_deref(), Some("New Person"), "with its name");
            assert!(created, "it is new, not merely changed");
        }
        other => panic!("one people event, not {other:?}"),
    }
}

#[tokio::test]
async fn a_visitors_markup_reaches_the_notification_as_literal_text() {
    let world = World::start(Tier::User).await;
    let (monitor, notifier) = world.monitor(MonitorSettings::default());
    monitor.poll_once().await;
    let typed = r#"<b>Hi</b> & <img src="https://t.example/p.png">"#;
    world.new_conversation(typed).await;

    let report = monitor.poll_once().await;
    let shown = notifier.notifications();
    assert_eq!(shown.len(), 1, "one new visitor message, one notification");
    assert_eq!(
        shown[0].body, r#"&lt;b&gt;Hi&lt;/b&gt; &amp; &lt;img src="https://t.example/p.png"&gt;"#,
        "a daemon that reads markup must show the tags as text, never bold them or load the image"
    );
    let excerpt = report.events.iter().find_map(|event| match event {
        MonitorEvent::VisitorMessageReceived { excerpt, .. } => Some(excerpt.clone()),
        _ => None,
    });
    assert_eq!(
        excerpt.as_deref(),
        Some(typed),
        "the window gets the text as typed: React shows it as text"
    );
}
