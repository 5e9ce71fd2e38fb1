//! Visitors: the count and the pages of the list.

use crisp_client::visitors::{CountVisitors, ListVisitors};
use crisp_client::PageOptions;
use futures::TryStreamExt;

use crate::support::World;

#[tokio::test]
async fn visitors_are_counted_and_listed_to_the_end() {
    let world = World::start().await;
    let count = world
        .client
        .send(&CountVisitors::new(world.website_id()))
        .await
        .expect("counted");
    let total = count.count.expect("a count") as usize;
    assert!(total > 0, "the sandbox has visitors");
    let pages: Vec<_> = world
        .client
        .paginate(
            ListVisitors::new(world.website_id()),
            PageOptions {
                concurrency: 2,
                limit: None,
            },
        )
        .try_collect()
        .await
        .expect("listed");
    let listed: usize = pages.iter().map(Vec::len).sum();
    assert_eq!(
        listed, total,
        "paging through the list finds every counted visitor"
    );
}
