//! The message history walk (contract §3.7, §6.5): batch after batch towards the start of a conversation.
//!
//! Crisp pages history by time, not by page number, and leaves two things unconfirmed: whether
//! `timestamp_before` is strict or inclusive, and how messages that share a millisecond are ordered. The walk is
//! built to be right under every combination:
//! - after a batch that brought something new it asks for `oldest + 1`, overlapping the boundary millisecond so
//!   a message sharing it with the batch's oldest one is fetched even when the batch cut through that
//!   millisecond; messages it already holds are dropped by their key (the fingerprint, or the whole message when
//!   it has none);
//! - after a batch that brought nothing new it steps the bound down one millisecond at a time (`oldest`, then
//!   `oldest - 1`): with a strict bound `oldest` already moves past the boundary, with an inclusive one
//!   `oldest - 1` does, and a batch older than everything held always brings something new or nothing at all;
//! - it ends on Crisp's 200 (the batch reaches the start), on an empty batch, at the request's `limit`, or after
//!   [`MAX_HISTORY_BATCHES`].
//!
//! The rule is one pure function, [`step`]: the CLI's [`walk`] and the screens' [`history_page`] (the
//! `list_messages` command) both call it, and a page's `next` request carries the walk's state
//! ([`HistoryResume`]), so the app pages and ends exactly where the CLI does. A `limit` keeps the newest messages.
//!
//! So it neither skips nor repeats a message and always ends. One case cannot be helped: when a single
//! millisecond holds more messages than a batch, the messages of that millisecond that Crisp never puts in a
//! batch cannot be reached by time; the walk logs it and moves on to older messages instead of looping.

use std::collections::HashSet;
use std::future::Future;

use futures::stream::{self, Stream, StreamExt};
use serde::{Deserialize, Serialize};

use super::{ListMessages, Message, MessageBatch};
use crate::client::Client;
use crate::error::Result;

/// The most message batches one history walk fetches.
pub const MAX_HISTORY_BATCHES: u32 = 1_000;

/// Where a walk of the history stands between batches; the next batch's request carries it (`ListMessages`'s
/// `resume`), so a screen paging one batch at a time follows exactly the rule the CLI's walk does. Never sent
/// to Crisp.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct HistoryResume {
    /// The messages already returned (their fingerprint, or the whole message when it has none), so an
    /// overlapping batch does not return them again.
    pub seen: Vec<String>,
    /// How many times in a row the bound was stepped down after a batch that brought nothing new.
    pub stepped_down: u8,
    /// Batches fetched so far; the walk ends at [`MAX_HISTORY_BATCHES`].
    pub batches: u32,
}

/// One page of the history: the messages it adds and the request for the next, older page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct HistoryPage {
    /// New messages, each once, in Crisp's batch order.
    pub messages: Vec<Message>,
    /// The request for the next older page; `None` once Crisp answered 200 (the start of the conversation), a
    /// batch came back empty, the request's `limit` is reached or the walk gave up.
    pub next: Option<ListMessages>,
}

impl Client {
    /// The conversation's messages, batch after batch towards the start: the batch `request` selects, then older
    /// ones while Crisp answers 206. Each message once, in each batch's order; stops at `request.limit` messages
    /// (the newest ones). See [`crate::messages::history`] for how equal timestamps at a batch boundary are
    /// handled.
    pub fn message_history(
        &self,
        request: ListMessages,
    ) -> impl Stream<Item = Result<Message>> + Send + 'static {
        let client = self.clone();
        walk(request, move |batch: ListMessages| {
            let client = client.clone();
            async move { client.send(&batch).await }
        })
    }

    /// One page of the history walk (what a screen shows before asking for older messages): with a `limit`,
    /// batches until that many messages or the start; without, batches until one brings something new or the
    /// start. Ask for the next page with the returned `next` request, as it is.
    pub async fn message_history_page(&self, request: ListMessages) -> Result<HistoryPage> {
        history_page(request, |batch: ListMessages| {
            let client = self.clone();
            async move { client.send(&batch).await }
        })
        .await
    }
}

/// [`Client::message_history_page`] over any batch source, so tests can play Crisp's answers.
pub async fn history_page<F, Fut>(request: ListMessages, mut fetch: F) -> Result<HistoryPage>
where
    F: FnMut(ListMessages) -> Fut,
    Fut: Future<Output = Result<MessageBatch>>,
{
    let wanted = request.limit;
    let mut messages = Vec::new();
    let mut next = Some(request);
    while let Some(request) = next.take().filter(|request| !finished(request)) {
        let batch = fetch(request.clone()).await?;
        let (fresh, following) = step(request, batch);
        messages.extend(fresh);
        next = following;
        let enough = match wanted {
            Some(_) => false,
            None => !messages.is_empty(),
        };
        if enough {
            break;
        }
    }
    Ok(HistoryPage { messages, next })
}

/// The history walk over any batch source (`fetch` answers one `list_messages` request), so tests can play
/// every boundary behaviour Crisp might have.
pub fn walk<F, Fut>(request: ListMessages, fetch: F) -> impl Stream<Item = Result<Message>> + Send
where
    F: FnMut(ListMessages) -> Fut + Send,
    Fut: Future<Output = Result<MessageBatch>> + Send,
{
    let state = Walk {
        fetch,
        next: Some(request),
    };
    stream::unfold(state, Walk::step).flat_map(|batch| {
        let items: Vec<Result<Message>> = match batch {
            Ok(messages) => messages.into_iter().map(Ok).collect(),
            Err(error) => vec![Err(error)],
        };
        stream::iter(items)
    })
}

/// What identifies a message within its conversation: its fingerprint, or the whole message when it has none.
fn key_of(message: &Message) -> String {
    match message.fingerprint {
        Some(fingerprint) => format!("f{fingerprint}"),
        None => format!("m{}", serde_json::to_string(message).unwrap_or_default()),
    }
}

/// The one rule of the history walk: what `batch` (the answer to `request`) adds, and the request for the next
/// older batch, or `None` where the history ends for this walk.
pub fn step(request: ListMessages, batch: MessageBatch) -> (Vec<Message>, Option<ListMessages>) {
    if finished(&request) {
        return (Vec::new(), None);
    }
    let mut resume = request.resume.clone().unwrap_or_default();
    resume.batches += 1;
    let asked_before = request.timestamp_before;
    let oldest = batch
        .messages
        .iter()
        .filter_map(|message| message.timestamp)
        .min();
    let mut seen: HashSet<String> = resume.seen.drain(..).collect();
    let mut fresh: Vec<Message> = batch
        .messages
        .into_iter()
        .filter(|message| seen.insert(key_of(message)))
        .collect();
    let mut remaining = None;
    if let Some(limit) = request.limit {
        let limit = limit as usize;
        if fresh.len() > limit {
            keep_newest(&mut fresh, limit);
        }
        remaining = Some(limit - fresh.len());
    }
    let before = match (batch.more, oldest) {
        _ if remaining == Some(0) => None,
        (false, _) | (_, None) => None,
        (true, Some(oldest)) if !fresh.is_empty() => {
            resume.stepped_down = 0;
            Some(oldest.saturating_add(1))
        }
        // Nothing new: step below the bound just asked (or the batch's oldest, whichever is lower).
        (true, Some(oldest)) if resume.stepped_down < 2 => {
            resume.stepped_down += 1;
            let floor = asked_before.map_or(oldest, |asked| asked.min(oldest.saturating_add(1)));
            if resume.stepped_down == 2 {
                tracing::warn!(
                    millisecond = oldest,
                    "one millisecond holds more messages than a batch: moving past it"
                );
            }
            Some(floor.saturating_sub(1))
        }
        _ => None,
    };
    let next = before.map(|before| {
        resume.seen = seen.into_iter().collect();
        let mut next = request;
        next.timestamp_before = Some(before);
        next.timestamp_after = None;
        next.timestamp_around = None;
        next.limit = remaining.map(|remaining| remaining as u32);
        next.resume = Some(resume);
        next
    });
    (fresh, next)
}

/// Whether a walk that reached `request` is over before fetching it: its `limit` is spent or it hit the batch cap.
fn finished(request: &ListMessages) -> bool {
    request.limit == Some(0)
        || request
            .resume
            .as_ref()
            .is_some_and(|resume| resume.batches >= MAX_HISTORY_BATCHES)
}

/// Keeps the `limit` newest of `messages` (by timestamp, later in the batch when equal), in their order: walking
/// back from the latest, the limit keeps the messages nearest to it.
fn keep_newest(messages: &mut Vec<Message>, limit: usize) {
    let mut by_age: Vec<usize> = (0..messages.len()).collect();
    by_age.sort_by_key(|&index| (messages[index].timestamp, index));
    let dropped: HashSet<usize> = by_age[..messages.len() - limit].iter().copied().collect();
    let mut index = 0;
    messages.retain(|_| {
        let keep = !dropped.contains(&index);
        index += 1;
        keep
    });
}

/// The walk's state between batches: the request for the next one, carrying the rest.
struct Walk<F> {
    fetch: F,
    next: Option<ListMessages>,
}

impl<F, Fut> Walk<F>
where
    F: FnMut(ListMessages) -> Fut + Send,
    Fut: Future<Output = Result<MessageBatch>> + Send,
{
    async fn step(mut self) -> Option<(Result<Vec<Message>>, Self)> {
        let request = self.next.take().filter(|request| !finished(request))?;
        let batch = match (self.fetch)(request.clone()).await {
            Ok(batch) => batch,
            Err(error) => return Some((Err(error), self)),
        };
        let (fresh, next) = step(request, batch);
        self.next = next;
        Some((Ok(fresh), self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::TryStreamExt;
    use proptest::prelude::*;

    /// How a fake Crisp reads `timestamp_before`.
    #[derive(Debug, Clone, Copy)]
    enum Bound {
        Strict,
        Inclusive,
    }

    /// A conversation as a fake Crisp holds it: `(timestamp, fingerprint)` in the order it keeps them.
    struct FakeCrisp {
        messages: Vec<(u64, i64)>,
        bound: Bound,
        batch: usize,
        /// Reorders each answer's messages that share a millisecond (any order within a millisecond).
        shuffle: Option<u64>,
    }

    impl FakeCrisp {
        fn answer(&self, request: &ListMessages) -> MessageBatch {
            let before = request.timestamp_before;
            let mut older: Vec<(u64, i64)> = self
                .messages
                .iter()
                .copied()
                .filter(|(timestamp, _)| match (before, self.bound) {
                    (None, _) => true,
                    (Some(before), Bound::Strict) => *timestamp < before,
                    (Some(before), Bound::Inclusive) => *timestamp <= before,
                })
                .collect();
            if let Some(seed) = self.shuffle {
                // Which of a millisecond's messages fall inside the batch changes from answer to answer.
                let mut rng = fastrand::Rng::with_seed(seed ^ before.unwrap_or(0));
                rng.shuffle(&mut older);
                older.sort_by_key(|(timestamp, _)| *timestamp);
            }
            let start = older.len().saturating_sub(self.batch);
            let batch = older[start..].to_vec();
            MessageBatch {
                messages: batch
                    .into_iter()
                    .map(|(timestamp, fingerprint)| Message {
                        timestamp: Some(timestamp),
                        fingerprint: Some(fingerprint),
                        ..Message::default()
                    })
                    .collect(),
                more: start > 0,
            }
        }

        async fn walk(&self, limit: Option<u32>) -> (Vec<i64>, u32) {
            let calls = std::sync::atomic::AtomicU32::new(0);
            let mut request = ListMessages::new("w", "s");
            request.limit = limit;
            let got: Vec<Message> = walk(request, |request| {
                calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let answer = self.answer(&request);
                async move { Ok(answer) }
            })
            .try_collect()
            .await
            .expect("a fake batch never fails");
            let fingerprints = got
                .iter()
                .filter_map(|message| message.fingerprint)
                .collect();
            (fingerprints, calls.into_inner())
        }
    }

    /// `count` messages, `per_millisecond` to a millisecond, oldest first; fingerprints 1, 2, ...
    fn conversation(count: usize, per_millisecond: usize) -> Vec<(u64, i64)> {
        (0..count)
            .map(|n| (1_000 + (n / per_millisecond) as u64, n as i64 + 1))
            .collect()
    }

    fn run<T>(future: impl Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime")
            .block_on(future)
    }

    fn assert_each_once(fingerprints: &[i64], count: usize, why: &str) {
        let mut sorted = fingerprints.to_vec();
        sorted.sort_unstable();
        let expected: Vec<i64> = (1..=count as i64).collect();
        assert_eq!(sorted, expected, "{why}: every message exactly once");
    }

    #[test]
    fn the_walk_neither_skips_nor_repeats_at_a_shared_millisecond_whatever_the_bound_and_order() {
        for bound in [Bound::Strict, Bound::Inclusive] {
            for per_millisecond in [1, 2, 3, 7, 19, 20] {
                for shuffle in [None, Some(1), Some(2), Some(3)] {
                    let crisp = FakeCrisp {
                        messages: conversation(61, per_millisecond),
                        bound,
                        batch: 20,
                        shuffle,
                    };
                    let (fingerprints, _) = run(crisp.walk(None));
                    assert_each_once(
                        &fingerprints,
                        61,
                        &format!("{bound:?}, {per_millisecond} a millisecond, shuffle {shuffle:?}"),
                    );
                }
            }
        }
    }

    #[test]
    fn the_walk_ends_and_moves_past_a_millisecond_that_holds_more_than_a_batch() {
        for bound in [Bound::Strict, Bound::Inclusive] {
            // 10 older messages, then 30 in one millisecond, then 10 newer ones; batches of 20.
            let mut messages = conversation(10, 1);
            messages.extend((0..30).map(|n| (5_000, 100 + n)));
            messages.extend((0..10).map(|n| (6_000 + n as u64, 200 + n)));
            let crisp = FakeCrisp {
                messages,
                bound,
                batch: 20,
                shuffle: None,
            };
            let (fingerprints, calls) = run(crisp.walk(None));
            let unique: HashSet<i64> = fingerprints.iter().copied().collect();
            assert_eq!(unique.len(), fingerprints.len(), "{bound:?}: no repeats");
            assert!(
                (1..=10).all(|older| unique.contains(&older)),
                "{bound:?}: the walk goes on past the crowded millisecond to the older messages"
            );
            assert!(
                (200..210).all(|newer| unique.contains(&newer)),
                "{bound:?}: the newest batch is kept"
            );
            assert!(
                calls < 10,
                "{bound:?}: the walk ends quickly, not at the batch cap ({calls} calls)"
            );
        }
    }

    #[test]
    fn the_walk_stops_at_the_limit() {
        let crisp = FakeCrisp {
            messages: conversation(100, 3),
            bound: Bound::Strict,
            batch: 20,
            shuffle: None,
        };
        let (fingerprints, calls) = run(crisp.walk(Some(25)));
        assert_eq!(
            fingerprints.len(),
            25,
            "the limit is the most messages returned"
        );
        assert_eq!(calls, 2, "no batch is fetched past the limit");
    }

    #[test]
    fn the_limit_keeps_the_newest_messages_without_a_gap() {
        let crisp = FakeCrisp {
            messages: conversation(100, 1),
            bound: Bound::Strict,
            batch: 20,
            shuffle: None,
        };
        let (mut fingerprints, _) = run(crisp.walk(Some(25)));
        fingerprints.sort_unstable();
        assert_eq!(
            fingerprints,
            (76..=100).collect::<Vec<i64>>(),
            "walking back from the latest, a limit of 25 is the 25 newest messages, not a gap in the older batch"
        );
    }

    /// Pages through `crisp` as a screen does: one `history_page` call per page, each with the last `next`.
    fn pages(crisp: &FakeCrisp, limit: Option<u32>) -> (Vec<Vec<i64>>, u32) {
        let mut calls = 0;
        let mut pages = Vec::new();
        let mut request = ListMessages::new("w", "s");
        request.limit = limit;
        let mut next = Some(request);
        while let Some(request) = next.take() {
            let page = run(history_page(request, |batch| {
                calls += 1;
                let answer = crisp.answer(&batch);
                async move { Ok(answer) }
            }))
            .expect("a fake batch never fails");
            pages.push(
                page.messages
                    .iter()
                    .filter_map(|message| message.fingerprint)
                    .collect(),
            );
            next = page.next;
        }
        (pages, calls)
    }

    #[test]
    fn paging_one_page_at_a_time_follows_the_walk_to_the_same_end() {
        for bound in [Bound::Strict, Bound::Inclusive] {
            for per_millisecond in [1, 3, 20, 30] {
                let crisp = FakeCrisp {
                    messages: conversation(61, per_millisecond),
                    bound,
                    batch: 20,
                    shuffle: Some(7),
                };
                let (walked, walk_calls) = run(crisp.walk(None));
                let (paged, page_calls) = pages(&crisp, None);
                assert_eq!(
                    paged.concat(),
                    walked,
                    "{bound:?}, {per_millisecond} a millisecond: a screen paging through the history sees what the CLI's walk sees"
                );
                assert_eq!(
                    page_calls, walk_calls,
                    "{bound:?}, {per_millisecond} a millisecond: both end after the same batch"
                );
            }
        }
    }

    #[test]
    fn a_page_with_a_limit_fetches_only_the_batches_it_needs_and_ends_there() {
        let crisp = FakeCrisp {
            messages: conversation(100, 1),
            bound: Bound::Strict,
            batch: 20,
            shuffle: None,
        };
        let (pages_of_3, calls) = pages(&crisp, Some(3));
        assert_eq!(
            pages_of_3,
            [vec![98, 99, 100]],
            "Limit 3 is one page of the 3 newest messages and no older page"
        );
        assert_eq!(calls, 1, "one batch holds 3 messages");
        let (pages_of_45, calls) = pages(&crisp, Some(45));
        assert_eq!(pages_of_45.len(), 1, "the limit is reached within one page");
        assert_eq!(pages_of_45[0].len(), 45, "exactly the limit");
        assert_eq!(calls, 3, "45 messages need three batches of 20, no fourth");
    }

    proptest! {
        #[test]
        fn any_conversation_is_walked_whole_and_once(
            gaps in proptest::collection::vec(0_u64..3, 0..120),
            inclusive in any::<bool>(),
            batch in 2_usize..25,
            shuffle in any::<u64>(),
        ) {
            let mut timestamp = 1_000;
            let messages: Vec<(u64, i64)> = gaps
                .iter()
                .enumerate()
                .map(|(n, gap)| {
                    timestamp += gap;
                    (timestamp, n as i64 + 1)
                })
                .collect();
            let crowded = messages
                .chunk_by(|a, b| a.0 == b.0)
                .any(|same| same.len() >= batch);
            let crisp = FakeCrisp {
                messages,
                bound: if inclusive { Bound::Inclusive } else { Bound::Strict },
                batch,
                shuffle: Some(shuffle),
            };
            let (fingerprints, calls) = run(crisp.walk(None));
            let unique: HashSet<i64> = fingerprints.iter().copied().collect();
            prop_assert_eq!(unique.len(), fingerprints.len(), "no message twice");
            prop_assert!(calls <= 3 * gaps.len() as u32 + 3, "the walk ends ({} calls)", calls);
            if !crowded {
                prop_assert_eq!(unique.len(), gaps.len(), "every message once when no millisecond fills a batch");
            }
        }
    }
}
