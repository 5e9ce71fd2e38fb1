//! Conversations: create, search, get, remove, state, meta and read marks.

use crisp_client::conversations::{
    ChangeConversationState, ConversationState, CreateConversation, GetConversation,
    GetConversationMeta, MarkMessagesRead, RemoveConversation, SearchConversations,
    UpdateConversationMeta,
};
use crisp_client::Error;
use crisp_client::KnownField;
use serde_json::json;

use crate::support::World;

#[tokio::test]
async fn a_created_conversation_can_be_read_changed_and_removed() {
    let world = World::start().await;
    let client = &world.client;
    let created = client
        .send(&CreateConversation::new(world.website_id()))
        .await
        .expect("created");
    let session = created
        .session_id
        .expect("Crisp answers the new session_id");
    assert!(
        session.starts_with("session_"),
        "session IDs look like Crisp's: {session}"
    );

    let state: ChangeConversationState =
        world.request(json!({ "session_id": session, "body": { "state": "resolved", "user": { "nickname": "Rui" } } }));
    client.send(&state).await.expect("the state changes");
    let meta: UpdateConversationMeta = world.request(json!({
        "session_id": session, "body": { "nickname": "Ana Costa", "email": "ana@example.com", "segments": ["vip"] },
    }));
    client.send(&meta).await.expect("the meta changes");

    let conversation = client
        .send(&GetConversation::new(world.website_id(), &session))
        .await
        .expect("readable");
    assert_eq!(
        conversation.session_id.as_deref(),
        Some(session.as_str()),
        "the same conversation comes back"
    );
    assert_eq!(
        conversation.state,
        Some(ConversationState::Resolved),
        "the state change is kept"
    );
    let meta = client
        .send(&GetConversationMeta::new(world.website_id(), &session))
        .await
        .expect("meta");
    assert_eq!(
        meta.nickname.as_deref(),
        Some("Ana Costa"),
        "the nickname change is kept"
    );
    assert_eq!(
        meta.segments.known(),
        Some(&vec!["vip".to_owned()]),
        "the segments change is kept"
    );

    let read: MarkMessagesRead = world.request(
        json!({ "session_id": session, "body": { "from": "operator", "origin": "chat" } }),
    );
    client.send(&read).await.expect("messages are marked read");

    client
        .send(&RemoveConversation::new(world.website_id(), &session))
        .await
        .expect("removed");
    let gone = client
        .send(&GetConversation::new(world.website_id(), &session))
        .await;
    assert!(
        matches!(gone, Err(Error::Api { status: 404, .. })),
        "a removed conversation is not found: {gone:?}"
    );
}

#[tokio::test]
async fn search_filters_are_applied_by_the_server() {
    let world = World::start().await;
    let unresolved: SearchConversations =
        world.request(json!({ "per_page": 50, "filter_not_resolved": true }));
    let page = world.client.send(&unresolved).await.expect("a page");
    assert!(
        !page.is_empty(),
        "the seeded data has unresolved conversations"
    );
    assert!(
        page.iter()
            .all(|c| c.state != Some(ConversationState::Resolved)),
        "filter_not_resolved=1 leaves resolved conversations out"
    );
    let sent = world.sandbox.requests_to("GET", "/conversations/1").await;
    assert_eq!(
        sent.last().and_then(|entry| entry["query"].as_str()),
        Some("per_page=50&filter_not_resolved=1"),
        "flags travel as 1, and only the set ones"
    );

    let nickname = page[0]
        .meta
        .known()
        .and_then(|meta| meta.nickname.clone())
        .expect("seeded nicknames");
    let search: SearchConversations =
        world.request(json!({ "search_query": nickname, "search_type": "text", "per_page": 50 }));
    let found = world.client.send(&search).await.expect("a search answers");
    assert!(
        found
            .iter()
            .any(|c| c.meta.known().and_then(|m| m.nickname.as_deref()) == Some(nickname.as_str())),
        "a text search finds the conversation by nickname"
    );
}

#[tokio::test]
async fn a_missing_conversation_is_a_404_api_error() {
    let world = World::start().await;
    let missing = GetConversation::new(
        world.website_id(),
        "session_00000000-0000-4000-8000-000000000000",
    );
    let error = world
        .client
        .send(&missing)
        .await
        .expect_err("nothing is there");
    assert!(
        matches!(error, Error::Api { status: 404, ref reason, .. } if reason == "not_found"),
        "{error:?}"
    );
}
