//! Pace and budget: rate limiting slows the monitor and it recovers; a spent quota stops it until the reset.

use crisp_monitor::{MonitorPhase, MonitorSettings, PaceReason};
use crisp_sandbox::Tier;
use serde_json::json;

use crate::support::World;

const CONVERSATIONS: &str = "GET /v1/website/{website_id}/conversations/{page}";

#[tokio::test]
async fn rate_limiting_slows_the_monitor_and_it_recovers() {
    let world = World::start(Tier::User).await;
    let (monitor, _) = world.monitor(MonitorSettings::default());
    let healthy = monitor.poll_once().await.status;
    assert_eq!(
        healthy.phase,
        MonitorPhase::Watching,
        "a healthy first poll"
    );
    assert_eq!(healthy.pace, PaceReason::Normal, "at the normal pace");

    world
        .sandbox
        .fault(CONVERSATIONS, json!({ "rate_limit": { "count": 10 } }))
        .await;
    let limited = monitor.poll_once().await.status;
    assert_eq!(
        limited.phase,
        MonitorPhase::BackingOff,
        "429s beyond the client's retries: {limited:?}"
    );
    assert!(
        limited.interval_ms > healthy.interval_ms,
        "the monitor slows down: {} ms after {} ms",
        limited.interval_ms,
        healthy.interval_ms
    );
    assert!(limited.last_error.is_some(), "the UI can say why");

    world.sandbox.clear_faults().await;
    let recovering = monitor.poll_once().await.status;
    assert!(
        recovering.interval_ms < limited.interval_ms,
        "a clean poll speeds up again: {} ms",
        recovering.interval_ms
    );
    let recovered = monitor.poll_once().await.status;
    assert_eq!(recovered.phase, MonitorPhase::Watching, "back to watching");
    assert_eq!(
        recovered.interval_ms, healthy.interval_ms,
        "at the normal pace again"
    );
    assert_eq!(recovered.last_error, None, "with no error left to show");
}

#[tokio::test]
async fn a_spent_quota_stops_the_monitor_until_the_reset_and_the_status_says_so() {
    let world = World::start(Tier::Plugin).await;
    let (monitor, _) = world.monitor(MonitorSettings::default());
    monitor.poll_once().await;
    world.sandbox.fault("*", json!({ "quota": {} })).await;
    let spent = monitor.poll_once().await.status;
    assert_eq!(
        spent.phase,
        MonitorPhase::QuotaSpent,
        "the quota is spent: {spent:?}"
    );
    assert_eq!(
        spent.pace,
        PaceReason::QuotaSpent,
        "and that is why it waits"
    );
    assert_eq!(
        spent.next_poll_at_ms,
        Some(spent.budget.resets_at_ms),
        "the next poll is at the daily reset"
    );
    assert!(
        spent
            .last_error
            .as_deref()
            .is_some_and(|error| error.contains("quota")),
        "the UI says so: {:?}",
        spent.last_error
    );
    world.sandbox.clear_requests().await;
    let idle = monitor.poll_once().await;
    assert_eq!(idle.requests, 0, "no request is sent before the reset");
    assert!(
        world.sandbox.requests().await.is_empty(),
        "the sandbox saw nothing"
    );
    assert_eq!(idle.status.phase, MonitorPhase::QuotaSpent, "still stopped");

    world.sandbox.clear_faults().await;
    monitor.resume().await;
    let resumed = monitor.poll_once().await.status;
    assert_eq!(
        resumed.phase,
        MonitorPhase::Watching,
        "the user may try again by hand"
    );
}

#[tokio::test]
async fn the_budget_shows_what_is_left_today_for_budgeted_tiers() {
    let world = World::start(Tier::Website).await;
    let (monitor, _) = world.monitor(MonitorSettings::default());
    let status = monitor.poll_once().await.status;
    assert_eq!(
        status.budget.daily_budget,
        Some(10_000),
        "website tokens have 10,000 a day"
    );
    assert_eq!(
        status.budget.remaining_today,
        Some(10_000 - status.budget.used_today),
        "what is left is the budget less what was used"
    );
    assert!(status.budget.used_today >= 1, "the poll itself is counted");
    assert_eq!(
        status.budget.reserved,
        Some(1_000),
        "a tenth is kept for the user's own actions"
    );
    assert_eq!(
        status.interval_ms, 8_640,
        "a website token polls every 8.64 s while focused"
    );

    monitor.set_settings(MonitorSettings {
        focused: false,
        ..MonitorSettings::default()
    });
    let background = monitor.poll_once().await.status;
    assert_eq!(
        background.interval_ms,
        4 * 8_640,
        "four times slower in the background"
    );
}

#[tokio::test]
async fn a_switched_off_monitor_sends_nothing() {
    let world = World::start(Tier::User).await;
    let (monitor, _) = world.monitor(MonitorSettings {
        enabled: false,
        ..MonitorSettings::default()
    });
    let report = monitor.poll_once().await;
    assert_eq!(report.requests, 0, "off means off");
    assert_eq!(
        report.status.phase,
        MonitorPhase::Off,
        "and the status says so"
    );
    assert_eq!(report.status.next_poll_at_ms, None, "with no poll planned");
}

#[tokio::test]
async fn a_retry_after_of_90_s_is_waited_in_full_and_the_status_says_when_it_retries() {
    let world = World::start(Tier::User).await;
    let (monitor, _) = world.monitor(MonitorSettings::default());
    monitor.poll_once().await;
    world
        .sandbox
        .fault(
            CONVERSATIONS,
            json!({ "rate_limit": { "retry_after_s": 90, "count": 1 } }),
        )
        .await;
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|since| since.as_millis() as u64)
        .unwrap_or(0);
    let limited = monitor.poll_once().await.status;
    assert_eq!(
        limited.phase,
        MonitorPhase::BackingOff,
        "Crisp asked to wait: {limited:?}"
    );
    assert_eq!(
        limited.pace,
        PaceReason::SharedBackoff,
        "the wait Crisp asked for is why the monitor waits"
    );
    let until = limited
        .backoff_until_ms
        .expect("the status says until when Crisp asked to wait");
    assert!(
        until >= before + 89_000,
        "the full 90 s, not 30 s ({} ms)",
        until.saturating_sub(before)
    );
    assert!(
        limited.next_poll_at_ms.is_some_and(|next| next >= until),
        "the next check is not before the wait ends: {:?} < {until}",
        limited.next_poll_at_ms
    );
    let requests = world.sandbox.requests().await.len();
    let held = monitor.poll_once().await;
    assert_eq!(
        world.sandbox.requests().await.len(),
        requests,
        "a check asked for inside the 90 s sends nothing"
    );
    assert_eq!(
        held.status.backoff_until_ms,
        Some(until),
        "and the wait still shows"
    );
}
