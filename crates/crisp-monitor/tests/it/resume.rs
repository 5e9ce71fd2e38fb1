//! A monitor started from an earlier run's memory: what happened while the app was closed is reported once, with
//! one summary notification, within the paging and budget rules.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use crisp_client::DailyUsage;
use crisp_monitor::connection::MAX_PAGES_PER_POLL;
use crisp_monitor::interval::reserve;
use crisp_monitor::{
    ConnectionMonitor, MonitorEvent, MonitorMemory, MonitorSettings, RecordingNotifier,
};
use crisp_sandbox::{SandboxConfig, Tier};

use crate::support::World;

fn visitor_messages(events: &[MonitorEvent]) -> Vec<i64> {
    events
        .iter()
        .filter_map(|event| match event {
            MonitorEvent::VisitorMessageReceived { fingerprint, .. } => Some(*fingerprint),
            _ => None,
        })
        .collect()
}

/// A monitor of `world` started from `memory`, keeping its memory in the returned cell.
fn resumed(
    world: &World,
    memory: MonitorMemory,
) -> (
    ConnectionMonitor,
    Arc<RecordingNotifier>,
    Arc<Mutex<Option<MonitorMemory>>>,
) {
    let kept: Arc<Mutex<Option<MonitorMemory>>> = Arc::default();
    let keep = Arc::clone(&kept);
    let (monitor, notifier) = world.monitor(MonitorSettings::default());
    let monitor = monitor
        .with_memory(memory)
        .with_memory_keeper(Arc::new(move |memory| {
            *keep.lock().expect("lock") = Some(memory)
        }));
    (monitor, notifier, kept)
}

#[tokio::test]
async fn messages_sent_while_the_app_was_closed_are_reported_once_with_one_summary_notification() {
    let world = World::start(Tier::User).await;
    let (first_run, _, kept) = resumed(&world, MonitorMemory::default());
    first_run.poll_once().await;
    let sessions: Vec<String> = {
        let mut sessions = Vec::new();
        for n in 0..3 {
            sessions.push(world.new_conversation(&format!("Before closing {n}")).await);
        }
        sessions
    };
    let before = first_run.poll_once().await;
    assert_eq!(
        visitor_messages(&before.events).len(),
        3,
        "the first run reports its messages"
    );
    let memory = kept
        .lock()
        .expect("lock")
        .clone()
        .expect("the first run kept its memory");
    assert!(memory.cursor.is_some());
    drop(first_run);

    // While the app is closed: two conversations get new messages and one starts.
    let mut while_away = Vec::new();
    for session in &sessions[..2] {
        for n in 0..2 {
            while_away.push(
                world
                    .sandbox
                    .inject_message(session, &format!("Still there? {n}"))
                    .await
                    .fingerprint,
            );
        }
    }
    let started = world.sandbox.inject_conversation("A new question").await;
    while_away.push(started.fingerprint);

    let (second_run, notifier, kept) = resumed(&world, memory);
    let catch_up = second_run.poll_once().await;
    let reported = visitor_messages(&catch_up.events);
    assert_eq!(
        reported.iter().copied().collect::<HashSet<_>>(),
        while_away.iter().copied().collect::<HashSet<_>>(),
        "every message sent while closed, and none of the first run's: {reported:?}"
    );
    assert_eq!(reported.len(), while_away.len(), "each once");
    assert!(
        catch_up.events.iter().any(|event| matches!(
            event,
            MonitorEvent::ConversationCreated { session_id, .. } if *session_id == started.session_id
        )),
        "the conversation started while closed is announced"
    );
    let shown = notifier.notifications();
    assert_eq!(
        shown.len(),
        1,
        "one summary, not one per conversation: {shown:?}"
    );
    assert_eq!(shown[0].body, "5 new messages while you were away");
    assert_eq!(shown[0].messages, 5);

    let after = second_run.poll_once().await;
    assert!(
        visitor_messages(&after.events).is_empty(),
        "nothing twice: {:?}",
        after.events
    );
    let message = world
        .sandbox
        .inject_message(&sessions[2], "Back to normal")
        .await;
    let live = second_run.poll_once().await;
    assert_eq!(visitor_messages(&live.events), vec![message.fingerprint]);
    let shown = notifier.notifications();
    assert_eq!(
        shown.len(),
        2,
        "after the catch-up, one notification per conversation again"
    );
    assert_ne!(shown[1].body, "1 new message while you were away");
    assert!(
        kept.lock().expect("lock").is_some(),
        "the memory is kept after every poll"
    );
}

#[tokio::test]
async fn a_catch_up_after_ten_thousand_changes_stays_within_the_paging_and_budget_rules() {
    let world = World::start_with(SandboxConfig {
        tier: Tier::Plugin,
        conversations: 10_000,
        people: 10,
        ..SandboxConfig::default()
    })
    .await;
    // Most of the plugin budget is spent already today: about two pages' worth is left before the reserve.
    let budget = crisp_client::Tier::Plugin
        .daily_budget()
        .expect("plugin tokens have a budget");
    let used = budget - reserve(budget) - 2 * 51 - 10;
    world.client.restore_usage(DailyUsage {
        used,
        ..DailyUsage::today()
    });
    world.sandbox.clear_requests().await;

    // The last run saw nothing after the first millisecond: all 10,000 seeded conversations changed since.
    let memory = MonitorMemory {
        cursor: Some(1),
        ..MonitorMemory::default()
    };
    let (monitor, notifier, _) = resumed(&world, memory);
    let report = monitor.poll_once().await;

    let pages = world
        .sandbox
        .requests_to("GET", "/conversations/1")
        .await
        .len()
        + world
            .sandbox
            .requests_to("GET", "/conversations/2")
            .await
            .len()
        + world
            .sandbox
            .requests_to("GET", "/conversations/3")
            .await
            .len();
    assert!(
        (1..=2).contains(&pages),
        "only the pages the budget pays for: {pages}"
    );
    assert!((pages as u32) <= MAX_PAGES_PER_POLL);
    let sent = world.sandbox.requests().await;
    let lists: Vec<&serde_json::Value> = sent
        .iter()
        .filter(|request| {
            request["path"]
                .as_str()
                .is_some_and(|path| path.contains("/conversations/"))
        })
        .collect();
    assert_eq!(lists.len(), pages);
    for request in lists {
        let query = request["query"].as_str().expect("a list asks with a query");
        let per_page: u32 = query
            .split('&')
            .find_map(|pair| pair.strip_prefix("per_page="))
            .expect("a page size")
            .parse()
            .expect("a number");
        assert!(
            (20..=50).contains(&per_page),
            "Crisp's page sizes only: {request}"
        );
    }
    let usable_left = budget - reserve(budget) - used;
    assert!(
        world.client.quota().used_today - used <= usable_left,
        "the catch-up never eats into the reserve: {} requests",
        world.client.quota().used_today - used
    );
    assert!(
        report
            .events
            .iter()
            .any(|event| matches!(event, MonitorEvent::ManyConversationsChanged { .. })),
        "what it could not read is reported as an overflow, not dropped silently"
    );
    assert!(
        notifier.notifications().len() <= 1,
        "at most one summary notification"
    );
}
