//! Reconnection delays as Crisp's Node client configures Socket.IO: the delay doubles from `min` per failed
//! attempt, is moved up or down by a random share (`randomization`) of itself, and never exceeds `max`.

use std::time::Duration;

/// When to try the socket again after it was lost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reconnect {
    /// The first delay.
    pub min: Duration,
    /// The longest delay.
    pub max: Duration,
    /// Share (0..=1) of the delay it may move up or down at random.
    pub randomization: f64,
}

impl Default for Reconnect {
    /// 5–10 s with randomization 0.75, as crisp-api 11.3.0.
    fn default() -> Self {
        Self {
            min: Duration::from_secs(5),
            max: Duration::from_secs(10),
            randomization: 0.75,
        }
    }
}

impl Reconnect {
    /// The delay before attempt `attempt` (0 for the first retry).
    pub fn delay(&self, attempt: u32, rng: &mut fastrand::Rng) -> Duration {
        let base = self.min.as_secs_f64() * 2f64.powi(attempt.min(30) as i32);
        let base = base.min(self.max.as_secs_f64());
        let deviation = rng.f64() * self.randomization.clamp(0.0, 1.0) * base;
        let moved = if rng.bool() {
            base - deviation
        } else {
            base + deviation
        };
        Duration::from_secs_f64(moved.clamp(0.0, self.max.as_secs_f64()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_stay_within_the_randomized_window_and_under_the_maximum() {
        let reconnect = Reconnect::default();
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..1000 {
            let first = reconnect.delay(0, &mut rng);
            assert!(
                first >= Duration::from_millis(1250) && first <= Duration::from_millis(8750),
                "the first retry is 5 s ± 75 %: {first:?}"
            );
            let later = reconnect.delay(5, &mut rng);
            assert!(
                later >= Duration::from_millis(2500) && later <= Duration::from_secs(10),
                "later retries are 10 s - 75 % at the least, 10 s at most: {later:?}"
            );
        }
    }
}
