//! The paging stream over 10,000 conversations: in order, each once, the same as a page-by-page loop, and
//! `limit` stopping the walk early.

use std::collections::HashSet;

use crisp_client::conversations::SearchConversations;
use crisp_client::PageOptions;
use crisp_sandbox::SandboxConfig;
use futures::TryStreamExt;
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
