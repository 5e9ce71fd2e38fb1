//! The retry decision: pure, so every case is pinned by a table test.
//!
//! Rate limiting (420/429) waits with exponential backoff and retries; a spent quota is final; 5xx answers, timeouts
//! and dropped connections retry only idempotent methods (so a message is never sent twice); a connection that
//! could not be opened (a name that did not resolve, a failed handshake) retries any method, since nothing was
//! sent. A connection the host refused is reported at once, whatever the method: nothing listens there, so
//! waiting a few seconds would only delay the caller learning that Crisp cannot be reached.
//!
//! A `Retry-After` is honoured in full, never cut short: up to [`RetryPolicy::max_delay`] the request waits and
//! retries by itself; beyond it the request is handed back at once (the caller learns how long Crisp asked to wait,
//! the watcher shows when it retries) while the whole token still waits that long ([`shared_wait`]).

use std::time::Duration;

use crate::request::Method;

/// How hard to retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Most attempts per request, the first included.
    pub max_attempts: u32,
    /// Wait before the second attempt; doubled each time.
    pub base_delay: Duration,
    /// Longest wait a request sits out by itself before retrying (its own backoff is capped here); a `Retry-After`
    /// beyond it hands the request back instead, since cutting it short would only meet the limiter again.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn never() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// The wait after attempt `number` (1-based): `base_delay * 2^(number-1)`, capped.
    pub fn backoff(&self, number: u32) -> Duration {
        let factor = 2_u32.saturating_pow(number.saturating_sub(1).min(16));
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }
}

/// What one attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// An answer with this status; `quota` when a 420/429 says the daily quota is spent.
    Status {
        /// HTTP status.
        status: u16,
        /// The answer's reason names the daily quota.
        quota: bool,
    },
    /// No answer in time.
    Timeout,
    /// The connection could not be opened: nothing was sent.
    ConnectFailed,
    /// The host refused the connection (nothing listens on the port): nothing was sent.
    Refused,
    /// The connection dropped after the request may have been sent.
    Dropped,
}

/// One finished attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// The request's method.
    pub method: Method,
    /// 1 for the first attempt.
    pub number: u32,
    /// What happened.
    pub outcome: Outcome,
    /// `Retry-After`, when the answer had one.
    pub retry_after: Option<Duration>,
}

/// What to do after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Hand the answer on (success, or an error answer that retrying cannot fix).
    Accept,
    /// Try again after `after`; `shared` when every caller on the token must wait too (rate limiting).
    Retry {
        /// How long to wait.
        after: Duration,
        /// Whether the whole token backs off.
        shared: bool,
    },
    /// Give up with the transport failure.
    GiveUp,
}

/// The decision for `attempt` under `policy`.
pub fn decide(attempt: &Attempt, policy: &RetryPolicy) -> Decision {
    let attempts_left = attempt.number < policy.max_attempts;
    // Crisp's own wait wins over ours; one longer than a request should sit out is never shortened.
    let too_long = attempt
        .retry_after
        .is_some_and(|after| after > policy.max_delay);
    let wait = attempt
        .retry_after
        .unwrap_or_else(|| policy.backoff(attempt.number));
    let can_wait = attempts_left && !too_long;
    let idempotent = attempt.method.is_idempotent();
    match attempt.outcome {
        Outcome::Status {
            status: 420 | 429,
            quota: true,
        } => Decision::Accept,
        Outcome::Status {
            status: 420 | 429,
            quota: false,
        } if can_wait => Decision::Retry {
            after: wait,
            shared: true,
        },
        Outcome::Status {
            status: 500..=599, ..
        } if can_wait && idempotent => Decision::Retry {
            after: wait,
            shared: false,
        },
        Outcome::Status { .. } => Decision::Accept,
        Outcome::ConnectFailed if attempts_left => Decision::Retry {
            after: wait,
            shared: false,
        },
        Outcome::Timeout | Outcome::Dropped if attempts_left && idempotent => Decision::Retry {
            after: wait,
            shared: false,
        },
        Outcome::Timeout | Outcome::Dropped | Outcome::ConnectFailed | Outcome::Refused => {
            Decision::GiveUp
        }
    }
}

/// How long every request of the token must wait after `attempt`, whatever [`decide`] says of this one: after
/// rate limiting (420/429, not a spent quota) Crisp's `Retry-After` in full, else the policy's backoff.
pub fn shared_wait(attempt: &Attempt, policy: &RetryPolicy) -> Option<Duration> {
    match attempt.outcome {
        Outcome::Status {
            status: 420 | 429,
            quota: false,
        } => Some(
            attempt
                .retry_after
                .unwrap_or_else(|| policy.backoff(attempt.number)),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16) -> Outcome {
        Outcome::Status {
            status,
            quota: false,
        }
    }

    #[test]
    fn the_retry_table_holds() {
        let policy = RetryPolicy::default();
        let s = |after: u64| Decision::Retry {
            after: Duration::from_secs(after),
            shared: false,
        };
        let shared = |after: u64| Decision::Retry {
            after: Duration::from_secs(after),
            shared: true,
        };
        let table: Vec<(Method, u32, Outcome, Decision, &str)> = vec![
            (
                Method::Get,
                1,
                status(200),
                Decision::Accept,
                "success is accepted",
            ),
            (
                Method::Get,
                1,
                status(206),
                Decision::Accept,
                "206 is success",
            ),
            (
                Method::Get,
                1,
                status(404),
                Decision::Accept,
                "a 404 cannot be fixed by retrying",
            ),
            (
                Method::Post,
                1,
                status(401),
                Decision::Accept,
                "a refused token is final",
            ),
            (
                Method::Get,
                1,
                status(429),
                shared(1),
                "rate limiting waits 1 s, for every caller",
            ),
            (
                Method::Post,
                2,
                status(420),
                shared(2),
                "rate limiting retries even sends: nothing was done",
            ),
            (Method::Get, 3, status(429), shared(4), "the wait doubles"),
            (
                Method::Get,
                4,
                status(429),
                Decision::Accept,
                "out of attempts: the 429 is reported",
            ),
            (
                Method::Get,
                1,
                Outcome::Status {
                    status: 429,
                    quota: true,
                },
                Decision::Accept,
                "a spent quota is final",
            ),
            (Method::Get, 1, status(503), s(1), "a 5xx GET is retried"),
            (Method::Patch, 1, status(502), s(1), "PATCH is idempotent"),
            (Method::Delete, 1, status(500), s(1), "DELETE is idempotent"),
            (
                Method::Post,
                1,
                status(502),
                Decision::Accept,
                "a POST is never repeated after a 5xx",
            ),
            (
                Method::Get,
                1,
                Outcome::Timeout,
                s(1),
                "a GET timeout is retried",
            ),
            (
                Method::Post,
                1,
                Outcome::Timeout,
                Decision::GiveUp,
                "a POST timeout is not: it may have landed",
            ),
            (
                Method::Head,
                1,
                Outcome::Dropped,
                s(1),
                "a dropped HEAD is retried",
            ),
            (
                Method::Post,
                1,
                Outcome::Dropped,
                Decision::GiveUp,
                "a dropped POST is not retried",
            ),
            (
                Method::Post,
                1,
                Outcome::ConnectFailed,
                s(1),
                "nothing was sent when the connection failed",
            ),
            (
                Method::Post,
                1,
                Outcome::Refused,
                Decision::GiveUp,
                "a refused connection is reported at once: nothing listens there",
            ),
            (
                Method::Get,
                1,
                Outcome::Refused,
                Decision::GiveUp,
                "even for a GET",
            ),
            (
                Method::Get,
                4,
                Outcome::Timeout,
                Decision::GiveUp,
                "out of attempts",
            ),
        ];
        for (method, number, outcome, expected, why) in table {
            let attempt = Attempt {
                method,
                number,
                outcome: outcome.clone(),
                retry_after: None,
            };
            assert_eq!(
                decide(&attempt, &policy),
                expected,
                "{why} ({method} attempt {number}, {outcome:?})"
            );
        }
    }

    #[test]
    fn retry_after_wins_over_the_backoff() {
        let policy = RetryPolicy::default();
        let attempt = |secs| Attempt {
            method: Method::Get,
            number: 1,
            outcome: status(429),
            retry_after: Some(Duration::from_secs(secs)),
        };
        assert_eq!(
            decide(&attempt(7), &policy),
            Decision::Retry {
                after: Duration::from_secs(7),
                shared: true
            },
            "Crisp's own wait is used"
        );
        assert_eq!(
            shared_wait(&attempt(7), &policy),
            Some(Duration::from_secs(7)),
            "and every caller on the token waits it too"
        );
    }

    #[test]
    fn a_retry_after_of_90_s_is_honoured_in_full_not_cut_to_30_s() {
        let policy = RetryPolicy::default();
        let attempt = Attempt {
            method: Method::Get,
            number: 1,
            outcome: status(429),
            retry_after: Some(Duration::from_secs(90)),
        };
        assert_eq!(
            decide(&attempt, &policy),
            Decision::Accept,
            "retrying after 30 s would break Crisp's 90 s: the request is handed back with the wait instead of \
             holding its caller silently"
        );
        assert_eq!(
            shared_wait(&attempt, &policy),
            Some(Duration::from_secs(90)),
            "the whole token waits the full 90 s"
        );
        let server_error = Attempt {
            outcome: status(503),
            ..attempt.clone()
        };
        assert_eq!(
            decide(&server_error, &policy),
            Decision::Accept,
            "a 503 asking for 90 s is not retried after 30 s either"
        );
        assert_eq!(
            shared_wait(&server_error, &policy),
            None,
            "only rate limiting holds the whole token"
        );
    }

    #[test]
    fn rate_limiting_without_retry_after_shares_the_policy_backoff_even_when_out_of_attempts() {
        let policy = RetryPolicy::default();
        let attempt = Attempt {
            method: Method::Post,
            number: 4,
            outcome: status(420),
            retry_after: None,
        };
        assert_eq!(
            decide(&attempt, &policy),
            Decision::Accept,
            "out of attempts"
        );
        assert_eq!(
            shared_wait(&attempt, &policy),
            Some(Duration::from_secs(8)),
            "the token still backs off"
        );
        let quota = Attempt {
            outcome: Outcome::Status {
                status: 429,
                quota: true,
            },
            ..attempt
        };
        assert_eq!(
            shared_wait(&quota, &policy),
            None,
            "a spent quota is not a backoff"
        );
    }
}
