//! `live`: visitor traffic on a timer, so monitoring and the Demo connection see the inbox move.

use std::sync::Arc;
use std::time::Duration;

use crate::app::Shared;
use crate::control;

/// Injects a visitor message or a new conversation every `interval`, forever.
pub async fn run(shared: Arc<Shared>, interval: Duration) {
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    ticker.tick().await;
    loop {
        ticker.tick().await;
        control::live_tick(&shared);
    }
}
