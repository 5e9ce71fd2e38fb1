//! The paging stream over 10,000 conversations: in order, each once, the same as a page-by-page loop, and
//! `limit` stopping the walk early; and the stream fetching ahead, bounded, while its caller is busy.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use crisp_client::conversations::SearchConversations;
use crisp_client::{paginate_with, PageOptions};
use crisp_sandbox::SandboxConfig;
use futures::{StreamExt, TryStreamExt};
use serde_json::json;

use crate::support::World;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_stream_fetches_ten_thousand_conversations_in_page_order() {
    let world = World::start_with(SandboxConfig {
        conversations: 10_000,
        ..SandboxConfig::default()
    })
    .await;
    // Empty conversations are listed only with include_empty, as on Crisp.
    let request: SearchConversations =
        world.request(json!({ "per_page": 50, "include_empty": true }));
    let pages: Vec<_> = world
        .client
        .paginate(
            request.clone(),
            PageOptions {
                concurrency: 8,
                limit: None,
            },
        )
        .try_collect()
        .await
        .expect("every page");
    let streamed: Vec<String> = pages
        .into_iter()
        .flatten()
        .filter_map(|c| c.session_id)
        .collect();
    assert_eq!(streamed.len(), 10_000, "every conversation is fetched");
    assert_eq!(
        streamed.iter().collect::<HashSet<_>>().len(),
        10_000,
        "no conversation comes twice"
    );

    let mut looped = Vec::new();
    for page in 1.. {
        let items = world
            .client
            .send(&SearchConversations {
                page,
                ..request.clone()
            })
            .await
            .expect("a page");
        if items.is_empty() {
            break;
        }
        looped.extend(items.into_iter().filter_map(|c| c.session_id));
    }
    assert_eq!(
        streamed, looped,
        "pages fetched 8 at a time come out in the order of a page-by-page loop"
    );
}

#[tokio::test]
async fn limit_stops_the_walk_after_enough_pages() {
    let world = World::start_with(SandboxConfig {
        conversations: 1_000,
        ..SandboxConfig::default()
    })
    .await;
    world.sandbox.clear_requests().await;
    let request: SearchConversations = world.request(json!({ "per_page": 50, "limit": 120 }));
    let pages: Vec<_> = world
        .client
        .paginate(
            request,
            PageOptions {
                concurrency: 4,
                limit: None,
            },
        )
        .try_collect()
        .await
        .expect("the pages");
    let lengths: Vec<usize> = pages.iter().map(Vec::len).collect();
    assert_eq!(
        lengths,
        [50, 50, 20],
        "120 items: two full pages and the start of the third"
    );
    let fetched = world.sandbox.requests_to("GET", "").await.len();
    assert!(
        fetched <= 6,
        "the walk stops near page 3 instead of fetching all 20 pages: {fetched} requests"
    );
}

/// A list of `pages` full pages of 20 and a short last one, whose page `n` answers only once `released` reaches
/// `n`; counts the fetches in flight (started, not answered) and the most seen at once.
struct GatedList {
    pages: u32,
    released: tokio::sync::watch::Sender<u32>,
    started: tokio::sync::watch::Sender<Vec<u32>>,
    in_flight: std::sync::Mutex<(usize, usize)>,
}

impl GatedList {
    fn new(pages: u32) -> Arc<Self> {
        Arc::new(GatedList {
            pages,
            released: tokio::sync::watch::Sender::new(0),
            started: tokio::sync::watch::Sender::new(Vec::new()),
            in_flight: std::sync::Mutex::new((0, 0)),
        })
    }

    fn fetch(
        self: &Arc<Self>,
    ) -> impl FnMut(u32) -> futures::future::BoxFuture<'static, crisp_client::Result<Vec<u32>>>
    {
        let list = Arc::clone(self);
        move |page| {
            let list = Arc::clone(&list);
            Box::pin(async move {
                {
                    let mut counts = list.in_flight.lock().expect("counts");
                    counts.0 += 1;
                    counts.1 = counts.1.max(counts.0);
                }
                list.started.send_modify(|started| started.push(page));
                let mut released = list.released.subscribe();
                released
                    .wait_for(|released| *released >= page)
                    .await
                    .expect("the list lives");
                list.in_flight.lock().expect("counts").0 -= 1;
                let size = match page.cmp(&list.pages) {
                    std::cmp::Ordering::Less => 20,
                    std::cmp::Ordering::Equal => 5,
                    std::cmp::Ordering::Greater => 0,
                };
                Ok((0..size).map(|n| page * 100 + n).collect())
            })
        }
    }
}

#[tokio::test(start_paused = true)]
async fn the_stream_keeps_fetching_ahead_while_the_caller_holds_a_page_and_never_more_than_its_concurrency(
) {
    for _ in 0..30 {
        let list = GatedList::new(10);
        let pages = paginate_with(
            list.fetch(),
            1,
            Some(20),
            PageOptions {
                concurrency: 3,
                limit: None,
            },
        );
        let mut pages = std::pin::pin!(pages);
        list.released.send_replace(1);
        let first = pages.next().await.expect("a first page").expect("page 1");
        assert_eq!(first[0], 100, "page 1 comes first");
        // The caller is busy with page 1 and polls nothing: the stream must already have asked for page 4, so that
        // three pages are in flight while the caller works. Under paused time this wait fails at once if it is not.
        let mut started = list.started.subscribe();
        let ahead = tokio::time::timeout(
            Duration::from_secs(60),
            started.wait_for(|started| started.contains(&4)),
        )
        .await
        .map(|seen| seen.is_ok());
        assert_eq!(
            ahead,
            Ok(true),
            "pages 2 to 4 must be on the wire while the caller holds page 1, not only once it asks for page 2 \
             (asked for: {:?})",
            *list.started.borrow()
        );
        assert!(
            !list.started.borrow().contains(&5),
            "and no more than the stream's concurrency of 3 ahead"
        );
        list.released.send_replace(u32::MAX);
        let rest: Vec<Vec<u32>> = pages.try_collect().await.expect("every page");
        let items: Vec<u32> = std::iter::once(first).chain(rest).flatten().collect();
        let expected: Vec<u32> = (1..10)
            .flat_map(|page| (0..20).map(move |n| page * 100 + n))
            .chain((0..5).map(|n| 1_000 + n))
            .collect();
        assert_eq!(
            items, expected,
            "items in page order, the short page 10 last, nothing from pages past the end"
        );
        assert_eq!(
            list.in_flight.lock().expect("counts").1,
            3,
            "at most 3 pages in flight at once"
        );
    }
}
