//! One scheduler per connection (per token): shared backoff after rate limiting, a bound on requests in flight, and
//! a per-day request counter for the quota meter.
//!
//! The counter can be seeded with what an earlier run counted today ([`DailyUsage`], kept on disk by the app) and
//! publishes every change on a `watch` channel, so a persister reads it when it likes and nothing on the request
//! path waits for a disk.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use tokio::sync::{watch, Semaphore, SemaphorePermit};
use tokio::time::Instant;

use crate::credentials::Tier;

/// Requests of one token in flight at once: a bound on bursts and sockets, not a rate limit. Crisp's limits
/// (`docs/crisp-api.md` §2.4) count requests per time window per IP and user (per route for `user` tokens) or per
/// day (plugin and website quotas), answer 429/420 when crossed, and the shared backoff above then holds every
/// caller on the token. No bound on requests in flight keeps a token under a per-window limit (8 in flight at
/// 20 ms is already 400 requests/s), and the load balancers' limit per IP is "very permissive"; 8 only held 32
/// callers at a quarter of what Crisp's own Node client (which has no bound) sends at 50 ms.
const IN_FLIGHT: usize = 32;

/// The longest random extra wait added to a shared backoff, so waiting callers do not all fire at once.
const MAX_JITTER: Duration = Duration::from_millis(250);

/// The token's request budget for the quota meter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct QuotaSnapshot {
    /// The token's tier.
    pub tier: Tier,
    /// Requests sent since midnight UTC by this client (retries included).
    pub used_today: u32,
    /// Crisp's documented daily budget for the tier (plugin 5,000, website 10,000); `None` for `user`.
    pub daily_budget: Option<u32>,
    /// Until when every caller waits after rate limiting, ms since the epoch.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub backoff_until_ms: Option<u64>,
}

/// Requests one token sent on one UTC day: what the app keeps on disk so a restart does not reset the count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailyUsage {
    /// The UTC day, in days since the Unix epoch.
    pub day: u64,
    /// Requests sent that day (retries included).
    pub used: u32,
}

impl DailyUsage {
    /// No request yet today.
    pub fn today() -> Self {
        DailyUsage {
            day: today(),
            used: 0,
        }
    }
}

struct State {
    backoff_until: Option<Instant>,
    backoff_until_wall: Option<SystemTime>,
    day: u64,
    used_today: u32,
}

/// The per-token gate every attempt passes. Public only so the throughput bench can time it alone.
#[doc(hidden)]
pub struct Scheduler {
    tier: Tier,
    state: Mutex<State>,
    in_flight: Semaphore,
    usage: watch::Sender<DailyUsage>,
}

impl Scheduler {
    /// A scheduler with no backoff and nothing counted today.
    pub fn new(tier: Tier) -> Self {
        Scheduler {
            tier,
            state: Mutex::new(State {
                backoff_until: None,
                backoff_until_wall: None,
                day: today(),
                used_today: 0,
            }),
            in_flight: Semaphore::new(IN_FLIGHT),
            usage: watch::Sender::new(DailyUsage::today()),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // The state is plain numbers: a panic elsewhere cannot leave it inconsistent.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes an in-flight slot, then waits out any shared backoff (plus jitter) and counts the request. The slot
    /// comes first, so a request that queued for one still honours a backoff set while it queued. A backoff with
    /// more than `max_wait` left is not sat out: the answer is how long it still runs, and nothing is counted.
    pub async fn admit(&self, max_wait: Duration) -> Result<Option<SemaphorePermit<'_>>, Duration> {
        let permit = self.in_flight.acquire().await.ok();
        loop {
            match self.count_unless_backing_off() {
                Some(wait) if wait > max_wait => return Err(wait),
                Some(wait) => tokio::time::sleep(wait + jitter(wait)).await,
                None => return Ok(permit),
            }
        }
    }

    /// Counts the request when no shared backoff is in force (one lock for both); otherwise what is left of it.
    fn count_unless_backing_off(&self) -> Option<Duration> {
        let mut state = self.lock();
        let left = state
            .backoff_until
            .map(|until| until.saturating_duration_since(Instant::now()))
            .filter(|left| !left.is_zero());
        if left.is_none() {
            let day = today();
            if day != state.day {
                state.day = day;
                state.used_today = 0;
            }
            state.used_today = state.used_today.saturating_add(1);
            self.publish(&state);
        }
        left
    }

    fn publish(&self, state: &State) {
        self.usage.send_replace(DailyUsage {
            day: state.day,
            used: state.used_today,
        });
    }

    /// Adds what an earlier run counted on `usage.day`, when that is today (a count of another day is ignored).
    pub(crate) fn restore(&self, usage: DailyUsage) {
        let mut state = self.lock();
        let day = today();
        if day != state.day {
            state.day = day;
            state.used_today = 0;
        }
        if usage.day == day {
            state.used_today = state.used_today.saturating_add(usage.used);
            self.publish(&state);
        }
    }

    /// The day's count, as it changes.
    pub(crate) fn usage_changes(&self) -> watch::Receiver<DailyUsage> {
        self.usage.subscribe()
    }

    /// Makes every caller on this token wait at least `delay` from now.
    pub(crate) fn back_off(&self, delay: Duration) {
        let until = Instant::now() + delay;
        let mut state = self.lock();
        if state.backoff_until.is_none_or(|current| current < until) {
            state.backoff_until = Some(until);
            state.backoff_until_wall = Some(SystemTime::now() + delay);
        }
    }

    pub(crate) fn snapshot(&self) -> QuotaSnapshot {
        let state = self.lock();
        let active = state
            .backoff_until
            .is_some_and(|until| until > Instant::now());
        QuotaSnapshot {
            tier: self.tier,
            used_today: if state.day == today() {
                state.used_today
            } else {
                0
            },
            daily_budget: self.tier.daily_budget(),
            backoff_until_ms: state
                .backoff_until_wall
                .filter(|_| active)
                .and_then(|wall| wall.duration_since(UNIX_EPOCH).ok())
                .map(|since| u64::try_from(since.as_millis()).unwrap_or(u64::MAX)),
        }
    }
}

/// A random extra wait of up to a quarter of `wait`, at most [`MAX_JITTER`].
pub(crate) fn jitter(wait: Duration) -> Duration {
    let cap = (wait / 4).min(MAX_JITTER);
    let cap_ms = u64::try_from(cap.as_millis()).unwrap_or(0);
    Duration::from_millis(if cap_ms == 0 {
        0
    } else {
        fastrand::u64(0..=cap_ms)
    })
}

fn today() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|since| since.as_secs() / 86_400)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Longer than any backoff these tests set, so admission always waits rather than refuses.
    const PATIENT: Duration = Duration::from_secs(60);

    #[tokio::test(start_paused = true)]
    async fn a_backoff_holds_every_caller_until_it_ends() {
        let scheduler = Scheduler::new(Tier::Plugin);
        scheduler.back_off(Duration::from_secs(2));
        let start = Instant::now();
        let _first = scheduler
            .admit(PATIENT)
            .await
            .expect("the backoff is short enough to wait");
        let _second = scheduler
            .admit(PATIENT)
            .await
            .expect("the backoff is short enough to wait");
        assert!(
            Instant::now() - start >= Duration::from_secs(2),
            "callers must wait for the shared backoff"
        );
        let snapshot = scheduler.snapshot();
        assert_eq!(snapshot.used_today, 2, "both requests are counted");
        assert_eq!(
            snapshot.daily_budget,
            Some(5_000),
            "plugin tokens have 5,000 a day"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_shorter_backoff_does_not_cut_a_longer_one() {
        let scheduler = Scheduler::new(Tier::User);
        scheduler.back_off(Duration::from_secs(5));
        scheduler.back_off(Duration::from_secs(1));
        assert!(
            scheduler.snapshot().backoff_until_ms.is_some(),
            "the backoff is visible in the snapshot"
        );
        let start = Instant::now();
        let _permit = scheduler
            .admit(PATIENT)
            .await
            .expect("the backoff is short enough to wait");
        assert!(
            Instant::now() - start >= Duration::from_secs(5),
            "the longer backoff must win"
        );
        assert_eq!(
            scheduler.snapshot().daily_budget,
            None,
            "user tokens have no documented budget"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn thirty_two_callers_on_one_token_are_in_flight_at_once_and_a_thirty_third_waits_for_a_slot(
    ) {
        let scheduler = std::sync::Arc::new(Scheduler::new(Tier::User));
        let mut held = Vec::new();
        for caller in 0..32 {
            let admitted =
                tokio::time::timeout(Duration::from_secs(1), scheduler.admit(PATIENT)).await;
            held.push(
                admitted
                    .unwrap_or_else(|_| panic!("caller {caller} waited for a slot"))
                    .expect("no backoff"),
            );
        }
        let waiting = tokio::time::timeout(Duration::from_secs(1), scheduler.admit(PATIENT)).await;
        assert!(
            waiting.is_err(),
            "the 33rd caller waits while 32 are in flight"
        );
        held.pop();
        let admitted = tokio::time::timeout(Duration::from_secs(1), scheduler.admit(PATIENT)).await;
        assert!(admitted.is_ok(), "a slot given back lets it in");
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_that_queued_for_a_slot_still_honours_a_backoff_set_while_it_queued() {
        let scheduler = std::sync::Arc::new(Scheduler::new(Tier::Plugin));
        let mut held = Vec::new();
        for _ in 0..IN_FLIGHT {
            held.push(
                scheduler
                    .admit(PATIENT)
                    .await
                    .expect("no backoff yet")
                    .expect("a slot"),
            );
        }
        let start = Instant::now();
        let queued = {
            let scheduler = std::sync::Arc::clone(&scheduler);
            tokio::spawn(async move {
                let _permit = scheduler.admit(PATIENT).await.expect("waits, not refused");
                Instant::now()
            })
        };
        // Let the queued request reach the semaphore before the 429 arrives.
        tokio::task::yield_now().await;
        assert!(!queued.is_finished(), "every slot is taken: it must queue");
        scheduler.back_off(Duration::from_secs(10));
        held.pop();
        let admitted = queued.await.expect("the queued request ends");
        assert!(
            admitted - start >= Duration::from_secs(10),
            "the backoff set while it queued must hold it, not only callers arriving later ({:?})",
            admitted - start
        );
        drop(held);
    }

    #[tokio::test(start_paused = true)]
    async fn a_backoff_longer_than_the_callers_patience_is_refused_at_once_and_not_counted() {
        let scheduler = Scheduler::new(Tier::Plugin);
        scheduler.back_off(Duration::from_secs(90));
        let start = Instant::now();
        let refused = scheduler.admit(Duration::from_secs(30)).await;
        assert_eq!(
            Instant::now(),
            start,
            "a caller is not held silently for 90 s"
        );
        let left = refused.expect_err("refused with the time left");
        assert!(
            left > Duration::from_secs(89) && left <= Duration::from_secs(90),
            "the answer says how long the backoff still runs: {left:?}"
        );
        assert_eq!(scheduler.snapshot().used_today, 0, "nothing was sent");
    }

    #[tokio::test]
    async fn a_stored_count_of_today_seeds_the_counter_and_another_day_is_ignored() {
        let scheduler = Scheduler::new(Tier::Website);
        let changes = scheduler.usage_changes();
        scheduler.restore(DailyUsage {
            day: today() - 1,
            used: 4_000,
        });
        assert_eq!(
            scheduler.snapshot().used_today,
            0,
            "yesterday's requests do not count today"
        );
        scheduler.restore(DailyUsage {
            day: today(),
            used: 1_234,
        });
        let _permit = scheduler.admit(PATIENT).await;
        assert_eq!(
            scheduler.snapshot().used_today,
            1_235,
            "an earlier run's requests today still count after a restart"
        );
        assert_eq!(
            *changes.borrow(),
            DailyUsage {
                day: today(),
                used: 1_235
            },
            "every change is published for the persister"
        );
    }

    #[test]
    fn jitter_stays_within_a_quarter_and_the_cap() {
        for _ in 0..200 {
            assert!(
                jitter(Duration::from_millis(400)) <= Duration::from_millis(100),
                "a quarter of 400 ms"
            );
            assert!(
                jitter(Duration::from_secs(60)) <= MAX_JITTER,
                "never more than the cap"
            );
        }
    }
}
