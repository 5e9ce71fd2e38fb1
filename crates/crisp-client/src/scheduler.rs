//! One scheduler per connection (per token): shared backoff after rate limiting, a bound on requests in flight, and
//! a per-day request counter for the quota meter.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use tokio::sync::{Semaphore, SemaphorePermit};
use tokio::time::Instant;

use crate::credentials::Tier;

/// Requests of one token in flight at once.
const IN_FLIGHT: usize = 8;

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

struct State {
    backoff_until: Option<Instant>,
    backoff_until_wall: Option<SystemTime>,
    day: u64,
    used_today: u32,
}

/// The per-token gate every attempt passes.
pub(crate) struct Scheduler {
    tier: Tier,
    state: Mutex<State>,
    in_flight: Semaphore,
}

impl Scheduler {
    pub(crate) fn new(tier: Tier) -> Self {
        Scheduler {
            tier,
            state: Mutex::new(State {
                backoff_until: None,
                backoff_until_wall: None,
                day: today(),
                used_today: 0,
            }),
            in_flight: Semaphore::new(IN_FLIGHT),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // The state is plain numbers: a panic elsewhere cannot leave it inconsistent.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits out any shared backoff (plus jitter), takes an in-flight slot and counts the request.
    pub(crate) async fn admit(&self) -> Option<SemaphorePermit<'_>> {
        loop {
            let wait = {
                let state = self.lock();
                state
                    .backoff_until
                    .map(|until| until.saturating_duration_since(Instant::now()))
            };
            match wait {
                Some(wait) if !wait.is_zero() => tokio::time::sleep(wait + jitter(wait)).await,
                _ => break,
            }
        }
        let permit = self.in_flight.acquire().await.ok();
        let mut state = self.lock();
        let day = today();
        if day != state.day {
            state.day = day;
            state.used_today = 0;
        }
        state.used_today = state.used_today.saturating_add(1);
        permit
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

    #[tokio::test(start_paused = true)]
    async fn a_backoff_holds_every_caller_until_it_ends() {
        let scheduler = Scheduler::new(Tier::Plugin);
        scheduler.back_off(Duration::from_secs(2));
        let start = Instant::now();
        let _first = scheduler.admit().await;
        let _second = scheduler.admit().await;
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
        let _permit = scheduler.admit().await;
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
