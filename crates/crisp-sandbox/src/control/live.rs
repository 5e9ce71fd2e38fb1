//! `live`: visitor traffic on a timer, so monitoring and the Demo connection see the inbox move.

use std::sync::Arc;
use std::time::Duration;

use super::injection::{inject, InjectMessage};
use super::reply::ControlError;
use crate::state::Shared;
use crate::store::ConversationState;

/// Injects a visitor message or a new conversation every `interval`, forever.
pub async fn run(shared: Arc<Shared>, interval: Duration) {
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    ticker.tick().await;
    loop {
        ticker.tick().await;
        tick(&shared);
    }
}

/// One tick of `live`: a visitor writes into an open conversation, or (one time in four) starts a new one.
fn tick(shared: &Shared) {
    let mut store = shared.write();
    let open: Vec<String> = store
        .conversations()
        .iter()
        .filter(|conversation| {
            conversation.state != ConversationState::Resolved && conversation.message_count > 0
        })
        .map(|conversation| conversation.session_id.clone())
        .collect();
    let new = open.is_empty() || store.rng.u8(..4) == 0;
    let session_id = if new {
        None
    } else {
        Some(open[store.rng.usize(..open.len())].clone())
    };
    let request = InjectMessage {
        session_id,
        ..InjectMessage::default()
    };
    if let Err(ControlError(status, message)) = inject(&mut store, request) {
        tracing::warn!(%status, %message, "live traffic could not be injected");
    }
}

#[cfg(test)]
mod tests {
    use super::tick;
    use crate::plan::{self, Plan};
    use crate::state::{Credentials, Shared};
    use crate::Tier;

    #[test]
    fn live_ticks_add_visitor_messages_or_conversations() {
        let plan = Plan {
            website_id: "w".into(),
            conversations: 10,
            people: 10,
            seed: 1,
            now: 1_800_000_000_000,
        };
        let credentials = Credentials {
            identifier: "i".into(),
            key: "k".into(),
            tier: Tier::User,
        };
        let shared = Shared::new(credentials, plan::seed(&plan));
        let messages = |shared: &Shared| -> usize {
            shared
                .read()
                .conversations()
                .iter()
                .map(|conversation| conversation.message_count)
                .sum()
        };
        let before = messages(&shared);
        for _ in 0..5 {
            tick(&shared);
        }
        assert_eq!(
            messages(&shared),
            before + 5,
            "every tick writes one visitor message"
        );
    }
}
