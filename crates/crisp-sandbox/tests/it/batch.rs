//! §3.14 batch actions: each route changes every named conversation, and refuses what the single routes refuse.

use serde_json::json;

use crate::support::Api;

const UNKNOWN: &str = "session_00000000-0000-4000-8000-000000000000";

async fn three_conversations(api: &Api) -> Vec<String> {
    let mut sessions = Vec::new();
    for content in ["one", "two", "three"] {
        sessions.push(api.injected_conversation(content).await);
    }
    sessions
}

async fn conversation(api: &Api, session_id: &str) -> serde_json::Value {
    api.get(&api.site(&format!("/conversation/{session_id}")))
        .await
        .data()
        .clone()
}

/// Every session's routing reads `expected`.
async fn assert_routing(api: &Api, sessions: &[String], expected: &serde_json::Value) {
    for session in sessions {
        assert_eq!(
            api.get(&api.site(&format!("/conversation/{session}/routing")))
                .await
                .data(),
            expected,
            "{session}'s routing"
        );
    }
}

#[tokio::test]
async fn batch_resolve_and_unresolve_change_the_state_of_every_session_named() {
    let api = Api::start().await;
    let sessions = three_conversations(&api).await;
    let chosen = &sessions[..2];
    api.patch(&api.site("/batch/resolve"), json!({ "sessions": chosen }))
        .await
        .assert_ok(200);
    for session in chosen {
        assert_eq!(
            conversation(&api, session).await["state"],
            json!("resolved"),
            "{session} is resolved"
        );
    }
    assert_ne!(
        conversation(&api, &sessions[2]).await["state"],
        json!("resolved"),
        "a session not named is untouched"
    );
    api.patch(&api.site("/batch/unresolve"), json!({ "sessions": chosen }))
        .await
        .assert_ok(200);
    for session in chosen {
        assert_eq!(
            conversation(&api, session).await["state"],
            json!("unresolved"),
            "{session} is reopened"
        );
    }
}

#[tokio::test]
async fn batch_read_and_unread_set_the_operators_unread_count() {
    let api = Api::start().await;
    let sessions = three_conversations(&api).await;
    api.patch(&api.site("/batch/read"), json!({ "sessions": sessions }))
        .await
        .assert_ok(200);
    for session in &sessions {
        assert_eq!(
            conversation(&api, session).await["unread"]["operator"],
            json!(0),
            "{session} is read"
        );
    }
    api.patch(&api.site("/batch/unread"), json!({ "sessions": sessions }))
        .await
        .assert_ok(200);
    for session in &sessions {
        assert_eq!(
            conversation(&api, session).await["unread"]["operator"],
            json!(1),
            "{session} is unread again"
        );
    }
}

#[tokio::test]
async fn batch_remove_is_a_patch_that_removes_every_session_named() {
    let api = Api::start().await;
    let sessions = three_conversations(&api).await;
    api.patch(
        &api.site("/batch/remove"),
        json!({ "sessions": sessions[..2] }),
    )
    .await
    .assert_ok(200);
    for session in &sessions[..2] {
        api.get(&api.site(&format!("/conversation/{session}")))
            .await
            .assert_error(404, "not_found");
    }
    api.get(&api.site(&format!("/conversation/{}", sessions[2])))
        .await
        .assert_ok(200);
}

#[tokio::test]
async fn batch_routing_assigns_and_unassigns_and_refuses_unknown_operators() {
    let api = Api::start().await;
    let sessions = three_conversations(&api).await;
    let operators = api.get(&api.site("/operators/list")).await;
    let user_id = operators.data()[1]["details"]["user_id"].clone();
    api.patch(
        &api.site("/batch/routing"),
        json!({ "sessions": sessions, "assigned": { "user_id": user_id } }),
    )
    .await
    .assert_ok(200);
    assert_routing(
        &api,
        &sessions,
        &json!({ "assigned": { "user_id": user_id } }),
    )
    .await;
    api.patch(
        &api.site("/batch/routing"),
        json!({ "sessions": sessions, "assigned": { "user_id": "00000000-0000-4000-8000-000000000000" } }),
    )
    .await
    .assert_error(400, "invalid_data");
    api.patch(&api.site("/batch/routing"), json!({ "sessions": sessions }))
        .await
        .assert_error(400, "invalid_data");
    api.patch(
        &api.site("/batch/routing"),
        json!({ "sessions": sessions, "assigned": null }),
    )
    .await
    .assert_ok(200);
    assert_routing(&api, &sessions, &json!({})).await;
}

#[tokio::test]
async fn an_empty_or_missing_session_list_is_invalid_data() {
    let api = Api::start().await;
    for route in [
        "resolve",
        "unresolve",
        "read",
        "unread",
        "remove",
        "routing",
    ] {
        let path = api.site(&format!("/batch/{route}"));
        let (empty, missing) = if route == "routing" {
            (
                json!({ "sessions": [], "assigned": null }),
                json!({ "assigned": null }),
            )
        } else {
            (json!({ "sessions": [] }), json!({}))
        };
        let empty = api.patch(&path, empty).await;
        empty.assert_error(400, "invalid_data");
        assert!(
            empty.message().contains("sessions"),
            "batch {route}: the message names the sessions: {empty:?}"
        );
        let missing = api.patch(&path, missing).await;
        missing.assert_error(400, "invalid_data");
        assert!(
            missing.message().contains("sessions"),
            "batch {route}: the message names the missing sessions: {missing:?}"
        );
    }
}

#[tokio::test]
async fn an_unknown_session_is_not_found_by_name_and_nothing_changes() {
    let api = Api::start().await;
    let sessions = three_conversations(&api).await;
    let before = conversation(&api, &sessions[0]).await["state"].clone();
    let reply = api
        .patch(
            &api.site("/batch/resolve"),
            json!({ "sessions": [sessions[0], UNKNOWN] }),
        )
        .await;
    reply.assert_error(404, "not_found");
    assert!(
        reply.message().contains(UNKNOWN),
        "the message names the unknown session: {reply:?}"
    );
    assert_eq!(
        conversation(&api, &sessions[0]).await["state"],
        before,
        "the known session is untouched when the batch is refused"
    );
    let removal = api
        .patch(
            &api.site("/batch/remove"),
            json!({ "sessions": [sessions[1], UNKNOWN] }),
        )
        .await;
    removal.assert_error(404, "not_found");
    api.get(&api.site(&format!("/conversation/{}", sessions[1])))
        .await
        .assert_ok(200);
}

#[tokio::test]
async fn a_batch_field_the_route_does_not_take_is_refused() {
    let api = Api::start().await;
    let sessions = three_conversations(&api).await;
    api.patch(
        &api.site("/batch/resolve"),
        json!({ "sessions": sessions, "state": "resolved" }),
    )
    .await
    .assert_error(400, "invalid_data");
    api.patch(
        &api.site("/batch/resolve"),
        json!({ "sessions": [sessions[0], 7] }),
    )
    .await
    .assert_error(400, "invalid_data");
}
