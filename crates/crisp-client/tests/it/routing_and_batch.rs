//! Routing (get, assign) and batch actions against the sandbox: each request's method, path and body as the
//! sandbox logged them, the store changed, and long selections sent in chunks.

use crisp_client::conversations::{
    AssignConversationRouting, BatchAssignConversations, BatchReadConversations,
    BatchRemoveConversations, BatchRequest, BatchResolveConversations, BatchUnreadConversations,
    BatchUnresolveConversations, ConversationState, CreateConversation, GetConversation,
    GetConversationRouting, BATCH_CHUNK_SIZE,
};
use crisp_client::operators::ListOperators;
use crisp_client::{Error, KnownField};
use crisp_sandbox::SandboxConfig;
use serde_json::{json, Value};

use crate::support::World;

async fn operator(world: &World) -> String {
    let operators = world
        .client
        .send(&ListOperators::new(world.website_id()))
        .await
        .expect("listed");
    operators[1]
        .details
        .known()
        .and_then(|details| details.user_id.clone())
        .expect("an operator's user_id")
}

/// A sandbox with no seeded conversations or people, so only the test's own conversations are there.
async fn empty_world() -> World {
    World::start_with(SandboxConfig {
        conversations: 0,
        people: 0,
        ..SandboxConfig::default()
    })
    .await
}

async fn new_conversations(world: &World, count: usize) -> Vec<String> {
    let mut sessions = Vec::new();
    for _ in 0..count {
        let created = world
            .client
            .send(&CreateConversation::new(world.website_id()))
            .await
            .expect("created");
        sessions.push(created.session_id.expect("a session_id"));
    }
    sessions
}

/// The one logged request with `method` to a path ending in `suffix`: its path and body.
async fn sent(world: &World, method: &str, suffix: &str) -> (String, Value) {
    let log = world.sandbox.requests_to(method, suffix).await;
    assert_eq!(log.len(), 1, "one {method} …{suffix}: {log:?}");
    (
        log[0]["path"].as_str().expect("a path").to_owned(),
        log[0]["body"].clone(),
    )
}

#[tokio::test]
async fn assigning_sends_the_operator_then_null_and_routing_reads_it_back() {
    let world = World::start().await;
    let user_id = operator(&world).await;
    let session = new_conversations(&world, 1).await.remove(0);
    let routing = format!("/conversation/{session}/routing");
    world.sandbox.clear_requests().await;

    world
        .client
        .conversations()
        .assign(&AssignConversationRouting::new(
            world.website_id(),
            &session,
            Some(user_id.clone()),
        ))
        .await
        .expect("assigned");
    let (path, body) = sent(&world, "PATCH", &routing).await;
    assert_eq!(
        path,
        format!("/v1/website/{}{routing}", world.website_id()),
        "the routing route"
    );
    assert_eq!(
        body,
        json!({ "assigned": { "user_id": user_id } }),
        "the operator as Crisp takes it"
    );
    let read = world
        .client
        .conversations()
        .get_routing(&GetConversationRouting::new(world.website_id(), &session))
        .await
        .expect("read");
    assert_eq!(
        read.assigned
            .known()
            .and_then(|assigned| assigned.user_id.clone()),
        Some(user_id),
        "the assignee is read back"
    );
    sent(&world, "GET", &routing).await;

    world.sandbox.clear_requests().await;
    world
        .client
        .send(&AssignConversationRouting::new(
            world.website_id(),
            &session,
            None,
        ))
        .await
        .expect("unassigned");
    let (_, body) = sent(&world, "PATCH", &routing).await;
    assert_eq!(body, json!({ "assigned": null }), "unassigning sends null");
    let read = world
        .client
        .send(&GetConversationRouting::new(world.website_id(), &session))
        .await
        .expect("read");
    assert!(read.assigned.is_none(), "nobody is assigned: {read:?}");
}

#[tokio::test]
async fn each_batch_action_patches_its_route_with_the_sessions_and_changes_them() {
    let world = World::start().await;
    let website = world.website_id();
    let sessions = new_conversations(&world, 2).await;
    let user_id = operator(&world).await;
    world.sandbox.clear_requests().await;

    let handler = world.client.conversations();
    handler
        .batch_resolve(&BatchResolveConversations::new(&website, sessions.clone()))
        .await
        .expect("resolved");
    for session in &sessions {
        let conversation = world
            .client
            .send(&GetConversation::new(&website, session))
            .await
            .expect("read");
        assert_eq!(
            conversation.state,
            Some(ConversationState::Resolved),
            "{session} is resolved"
        );
    }
    handler
        .batch_unresolve(&BatchUnresolveConversations::new(
            &website,
            sessions.clone(),
        ))
        .await
        .expect("reopened");
    handler
        .batch_read(&BatchReadConversations::new(&website, sessions.clone()))
        .await
        .expect("read");
    handler
        .batch_unread(&BatchUnreadConversations::new(&website, sessions.clone()))
        .await
        .expect("unread");
    handler
        .batch_assign(&BatchAssignConversations::new(
            &website,
            sessions.clone(),
            Some(user_id.clone()),
        ))
        .await
        .expect("assigned");
    handler
        .batch_remove(&BatchRemoveConversations::new(&website, sessions.clone()))
        .await
        .expect("removed");

    for route in ["resolve", "unresolve", "read", "unread", "remove"] {
        let (path, body) = sent(&world, "PATCH", &format!("/batch/{route}")).await;
        assert_eq!(
            path,
            format!("/v1/website/{website}/batch/{route}"),
            "batch {route}'s route"
        );
        assert_eq!(
            body,
            json!({ "sessions": sessions }),
            "batch {route} sends the sessions"
        );
    }
    let (_, body) = sent(&world, "PATCH", "/batch/routing").await;
    assert_eq!(
        body,
        json!({ "sessions": sessions, "assigned": { "user_id": user_id } }),
        "batch routing sends the sessions and the operator"
    );
    let gone = world
        .client
        .send(&GetConversation::new(&website, &sessions[0]))
        .await;
    assert!(
        matches!(gone, Err(Error::Api { status: 404, .. })),
        "batch remove removed them: {gone:?}"
    );
}

#[tokio::test]
async fn send_batch_splits_a_long_selection_into_chunks_and_reports_each() {
    let world = empty_world().await;
    let website = world.website_id();
    let sessions = new_conversations(&world, 2 * BATCH_CHUNK_SIZE + 5).await;
    world.sandbox.clear_requests().await;

    let report = world
        .client
        .send_batch(&BatchResolveConversations::new(&website, sessions.clone()))
        .await;
    let sizes: Vec<usize> = report.iter().map(|chunk| chunk.sessions.len()).collect();
    assert_eq!(sizes, [20, 20, 5], "45 sessions go as 20, 20 and 5");
    assert!(
        report.iter().all(|chunk| chunk.result.is_ok()),
        "every chunk succeeds: {report:?}"
    );
    let bodies: Vec<Value> = world
        .sandbox
        .requests_to("PATCH", "/batch/resolve")
        .await
        .into_iter()
        .map(|entry| entry["body"].clone())
        .collect();
    assert_eq!(
        bodies,
        [
            json!({ "sessions": sessions[..20] }),
            json!({ "sessions": sessions[20..40] }),
            json!({ "sessions": sessions[40..] }),
        ],
        "the chunks go in the selection's order, each session once"
    );
}

#[tokio::test]
async fn a_failed_chunk_is_reported_and_the_next_chunk_still_goes() {
    let world = empty_world().await;
    let website = world.website_id();
    let mut sessions = new_conversations(&world, BATCH_CHUNK_SIZE + 1).await;
    sessions[3] = "session_00000000-0000-4000-8000-000000000000".to_owned();

    let request = BatchResolveConversations::new(&website, sessions.clone());
    assert_eq!(request.chunks().len(), 2, "21 sessions are two chunks");
    let report = world.client.send_batch(&request).await;
    assert!(
        matches!(report[0].result, Err(Error::Api { status: 404, .. })),
        "the chunk naming an unknown session fails with Crisp's answer: {:?}",
        report[0].result
    );
    assert!(
        report[1].result.is_ok(),
        "the next chunk is still sent: {:?}",
        report[1].result
    );
    let last = world
        .client
        .send(&GetConversation::new(&website, &sessions[20]))
        .await
        .expect("read");
    assert_eq!(
        last.state,
        Some(ConversationState::Resolved),
        "the second chunk's conversation is resolved"
    );
}
