//! The polling pace: a pure function of the tier, focus, the day's quota, rate-limit strikes and a spent quota,
//! pinned by a table test.
//!
//! Budgeted tiers (plugin 5,000, website 10,000 requests a day) keep a tenth of the day's budget for the user's
//! own actions and spread the rest over the time left until the daily reset (midnight UTC), never faster than
//! the day's average (17.28 s per request for plugin, 8.64 s for website tokens), four times slower in the
//! background. User tokens have no published budget: every 5 s while focused, every 30 s in the background.
//! Each rate-limit strike doubles the wait (at most 16 times); a backoff the client's scheduler shares is
//! always waited out; a spent quota or a budget down to its reserve pauses until the reset.

use std::time::Duration;

use crisp_client::QuotaSnapshot;
use serde::{Deserialize, Serialize};

/// One day in milliseconds.
pub const DAY_MS: u64 = 86_400_000;
/// User tokens while the window is focused.
pub const USER_FOCUSED: Duration = Duration::from_secs(5);
/// User tokens in the background.
pub const USER_BACKGROUND: Duration = Duration::from_secs(30);
/// How much slower budgeted tiers poll in the background.
pub const BACKGROUND_FACTOR: u32 = 4;
/// The share of a daily budget (in percent) kept for the user's own actions.
pub const RESERVE_PERCENT: u32 = 10;
/// The most rate-limit strikes counted (the wait doubles per strike).
pub const MAX_STRIKES: u32 = 4;
/// The longest wait between two polls while not paused.
pub const MAX_INTERVAL: Duration = Duration::from_secs(15 * 60);

/// What the pace is computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct PaceInput {
    /// The client's quota snapshot (tier, requests today, budget, shared backoff).
    pub quota: QuotaSnapshot,
    /// Whether the app's window is focused.
    pub focused: bool,
    /// Now, ms since the epoch.
    pub now_ms: u64,
    /// Requests one poll costs on average (at least 1).
    pub requests_per_poll: u32,
    /// Consecutive polls that met rate limiting or failed (0 when healthy).
    pub strikes: u32,
    /// Until when Crisp said the daily quota is spent, ms since the epoch.
    pub quota_spent_until_ms: Option<u64>,
}

/// Why the monitor waits as long as it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum PaceReason {
    /// The normal pace for the tier and focus.
    Normal,
    /// Slowed down after rate limiting or failures.
    Slowed,
    /// Waiting out the backoff shared by every request of the connection.
    SharedBackoff,
    /// Crisp said the daily quota is spent: paused until the reset.
    QuotaSpent,
    /// Only the reserve kept for the user's own actions is left: paused until the reset.
    BudgetReserved,
}

/// When to poll next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    /// How long to wait from now.
    pub wait: Duration,
    /// Why.
    pub reason: PaceReason,
}

impl Pace {
    /// Whether polling is paused until the daily reset.
    pub fn is_paused(&self) -> bool {
        matches!(
            self.reason,
            PaceReason::QuotaSpent | PaceReason::BudgetReserved
        )
    }
}

/// The first instant of the next UTC day after `now_ms`: when daily quotas reset.
pub fn next_reset_ms(now_ms: u64) -> u64 {
    (now_ms / DAY_MS + 1) * DAY_MS
}

/// Requests of `budget` kept for the user's own actions.
pub fn reserve(budget: u32) -> u32 {
    budget.saturating_mul(RESERVE_PERCENT) / 100
}

/// The wait before the next poll.
pub fn pace(input: &PaceInput) -> Pace {
    let until_reset = next_reset_ms(input.now_ms).saturating_sub(input.now_ms);
    if let Some(until) = input.quota_spent_until_ms {
        if until > input.now_ms {
            return Pace {
                wait: Duration::from_millis(until - input.now_ms),
                reason: PaceReason::QuotaSpent,
            };
        }
    }
    let per_poll = u64::from(input.requests_per_poll.max(1));
    let base = match input.quota.daily_budget {
        Some(budget) if budget > 0 => {
            let usable = budget.saturating_sub(reserve(budget));
            let left = usable.saturating_sub(input.quota.used_today);
            let polls_left = u64::from(left) / per_poll;
            if polls_left == 0 {
                return Pace {
                    wait: Duration::from_millis(until_reset),
                    reason: PaceReason::BudgetReserved,
                };
            }
            let average = DAY_MS * per_poll / u64::from(budget);
            let spread = until_reset / polls_left;
            let focused = Duration::from_millis(average.max(spread));
            if input.focused {
                focused
            } else {
                focused * BACKGROUND_FACTOR
            }
        }
        _ => {
            let single = if input.focused {
                USER_FOCUSED
            } else {
                USER_BACKGROUND
            };
            // User tokens meet per-route limits: a poll of several requests is spaced as several polls would be.
            single * input.requests_per_poll.clamp(1, 4)
        }
    };
    let strikes = input.strikes.min(MAX_STRIKES);
    let slowed = (base * 2_u32.pow(strikes)).min(MAX_INTERVAL.max(base));
    let mut pace = Pace {
        wait: slowed,
        reason: if strikes > 0 {
            PaceReason::Slowed
        } else {
            PaceReason::Normal
        },
    };
    if let Some(backoff_until) = input.quota.backoff_until_ms {
        let backoff = Duration::from_millis(backoff_until.saturating_sub(input.now_ms));
        if backoff > pace.wait {
            pace = Pace {
                wait: backoff,
                reason: PaceReason::SharedBackoff,
            };
        }
    }
    pace
}

#[cfg(test)]
mod tests {
    use super::*;
    use crisp_client::Tier;

    /// Noon UTC on some day: 12 hours left until the reset.
    const NOON: u64 = 20_000 * DAY_MS + DAY_MS / 2;

    fn input(tier: Tier, focused: bool, used_today: u32) -> PaceInput {
        PaceInput {
            quota: QuotaSnapshot {
                tier,
                used_today,
                daily_budget: tier.daily_budget(),
                backoff_until_ms: None,
            },
            focused,
            now_ms: NOON,
            requests_per_poll: 1,
            strikes: 0,
            quota_spent_until_ms: None,
        }
    }

    #[test]
    fn the_pace_follows_tier_focus_budget_strikes_and_quota() {
        let secs = Duration::from_secs;
        let ms = Duration::from_millis;
        let twelve_hours = ms(DAY_MS / 2);
        let cases: Vec<(&str, PaceInput, Duration, PaceReason)> = vec![
            (
                "user focused polls every 5 s",
                input(Tier::User, true, 0),
                secs(5),
                PaceReason::Normal,
            ),
            (
                "user in the background every 30 s",
                input(Tier::User, false, 10_000),
                secs(30),
                PaceReason::Normal,
            ),
            (
                "plugin with plenty left polls at the day's average, 17.28 s",
                input(Tier::Plugin, true, 0),
                ms(17_280),
                PaceReason::Normal,
            ),
            (
                "plugin in the background is four times slower",
                input(Tier::Plugin, false, 0),
                ms(69_120),
                PaceReason::Normal,
            ),
            (
                "website with plenty left polls every 8.64 s",
                input(Tier::Website, true, 0),
                ms(8_640),
                PaceReason::Normal,
            ),
            (
                "plugin with 900 usable requests for 12 hours spreads them: 48 s",
                input(Tier::Plugin, true, 3_600),
                ms(48_000),
                PaceReason::Normal,
            ),
            (
                "plugin down to its reserve of 500 pauses until midnight",
                input(Tier::Plugin, true, 4_500),
                twelve_hours,
                PaceReason::BudgetReserved,
            ),
            (
                "three requests per poll space polls three times as far",
                PaceInput {
                    requests_per_poll: 3,
                    ..input(Tier::Website, true, 0)
                },
                ms(25_920),
                PaceReason::Normal,
            ),
            (
                "two strikes slow a user token four times",
                PaceInput {
                    strikes: 2,
                    ..input(Tier::User, true, 0)
                },
                secs(20),
                PaceReason::Slowed,
            ),
            (
                "strikes stop doubling at sixteen times",
                PaceInput {
                    strikes: 9,
                    ..input(Tier::User, true, 0)
                },
                secs(80),
                PaceReason::Slowed,
            ),
            (
                "a shared backoff longer than the pace is waited out",
                PaceInput {
                    quota: QuotaSnapshot {
                        backoff_until_ms: Some(NOON + 60_000),
                        ..input(Tier::User, true, 0).quota
                    },
                    ..input(Tier::User, true, 0)
                },
                secs(60),
                PaceReason::SharedBackoff,
            ),
            (
                "a spent quota pauses until the reset Crisp gave",
                PaceInput {
                    quota_spent_until_ms: Some(NOON + DAY_MS / 2),
                    ..input(Tier::Plugin, true, 10)
                },
                twelve_hours,
                PaceReason::QuotaSpent,
            ),
            (
                "a spent quota in the past no longer pauses",
                PaceInput {
                    quota_spent_until_ms: Some(NOON - 1),
                    ..input(Tier::User, true, 0)
                },
                secs(5),
                PaceReason::Normal,
            ),
        ];
        for (name, input, wait, reason) in cases {
            let pace = pace(&input);
            assert_eq!(pace.wait, wait, "{name}: wait");
            assert_eq!(pace.reason, reason, "{name}: reason");
        }
    }

    #[test]
    fn the_reset_is_the_next_utc_midnight() {
        assert_eq!(
            next_reset_ms(NOON),
            20_001 * DAY_MS,
            "noon resets at the next midnight"
        );
        assert_eq!(
            next_reset_ms(20_001 * DAY_MS),
            20_002 * DAY_MS,
            "midnight itself belongs to the new day"
        );
    }
}
