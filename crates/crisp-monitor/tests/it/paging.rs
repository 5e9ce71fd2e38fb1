//! Many conversations changing between two polls: every change is announced, or the overflow is, never dropped.

use std::collections::HashSet;

use crisp_monitor::connection::MAX_PAGES_PER_POLL;
use crisp_monitor::{MonitorEvent, MonitorSettings};
use crisp_sandbox::Tier;

use crate::support::World;

/// Conversations one poll reads at most (Crisp's page of 50 times the page cap).
const READ_PER_POLL: usize = 50 * MAX_PAGES_PER_POLL as usize;

async fn start_conversations(world: &World, count: usize) -> Vec<String> {
    let mut sessions = Vec::with_capacity(count);
    for n in 0..count {
        sessions.push(world.new_conversation(&format!("Question {n}")).await);
    }
    sessions
}

fn created(events: &[MonitorEvent]) -> Vec<String> {
    events
        .iter()
        .filter_map(|event| match event {
            MonitorEvent::ConversationCreated { session_id, .. } => Some(session_id.clone()),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn two_hundred_and_sixty_new_conversations_in_one_poll_are_each_announced() {
    let world = World::start(Tier::User).await;
    let (monitor, _notifier) = world.monitor(MonitorSettings::default());
    monitor.poll_once().await;
    let sessions = start_conversations(&world, 260).await;

    let report = monitor.poll_once().await;
    let announced: HashSet<String> = created(&report.events).into_iter().collect();
    let missing: Vec<&String> = sessions
        .iter()
        .filter(|session| !announced.contains(*session))
        .collect();
    assert!(
        missing.is_empty(),
        "past 200 changes none may be dropped: {} of 260 missing",
        missing.len()
    );
    assert!(
        !report
            .events
            .iter()
            .any(|event| matches!(event, MonitorEvent::ManyConversationsChanged { .. })),
        "every change was read, so there is no overflow to report"
    );
    let again = monitor.poll_once().await;
    assert!(
        created(&again.events).is_empty(),
        "and none is announced twice: {:?}",
        again.events
    );
}

#[tokio::test]
async fn more_changes_than_one_poll_reads_are_reported_as_one_overflow_event() {
    let world = World::start(Tier::User).await;
    let (monitor, _notifier) = world.monitor(MonitorSettings::default());
    monitor.poll_once().await;
    let sessions = start_conversations(&world, READ_PER_POLL + 20).await;

    let report = monitor.poll_once().await;
    let overflow: Vec<u32> = report
        .events
        .iter()
        .filter_map(|event| match event {
            MonitorEvent::ManyConversationsChanged { at_least } => Some(*at_least),
            _ => None,
        })
        .collect();
    assert_eq!(
        overflow,
        [READ_PER_POLL as u32],
        "the changes beyond what one poll reads are said once, with how many were read"
    );
    let announced: HashSet<String> = created(&report.events).into_iter().collect();
    assert_eq!(
        announced.len(),
        READ_PER_POLL,
        "the conversations read are announced as usual"
    );
    // Conversations started in the same millisecond tie at the edge of what was read: check well inside it.
    let newest = &sessions[sessions.len() - READ_PER_POLL / 2..];
    assert!(
        newest.iter().all(|session| announced.contains(session)),
        "the conversations read are the newest ones"
    );
}
