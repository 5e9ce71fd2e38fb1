//! Operators: the list.

use crisp_client::operators::ListOperators;
use crisp_client::KnownField;

use crate::support::World;

#[tokio::test]
async fn operators_are_listed_with_their_details() {
    let world = World::start().await;
    let operators = world
        .client
        .send(&ListOperators::new(world.website_id()))
        .await
        .expect("listed");
    assert!(!operators.is_empty(), "the sandbox has operators");
    assert!(
        operators.iter().all(|entry| entry
            .details
            .known()
            .and_then(|d| d.user_id.as_ref())
            .is_some()),
        "every operator has a user_id to assign and mention with"
    );
}
