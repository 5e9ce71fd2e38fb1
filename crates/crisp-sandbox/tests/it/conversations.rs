use std::collections::HashSet;

use serde_json::{json, Value};

use crate::support::Api;

fn ids(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|item| item["session_id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn a_created_conversation_is_listed_only_with_include_empty() {
    let api = Api::start().await;
    let reply = api.post(&api.site("/conversation"), json!({})).await;
    reply.assert_ok(200);
    assert_eq!(reply.reason(), "added", "the contract's example reason");
    let session_id = reply.data()["session_id"]
        .as_str()
        .expect("a session id")
        .to_owned();
    assert!(
        session_id.starts_with("session_"),
        "session ids look like Crisp's: {session_id}"
    );
    let hidden = ids(&api.all_conversations("").await);
    assert!(
        !hidden.contains(&session_id),
        "an empty conversation is hidden by default"
    );
    let shown = ids(&api.all_conversations("&include_empty=1").await);
    assert!(shown.contains(&session_id), "include_empty=1 shows it");
}

#[tokio::test]
async fn per_page_outside_20_to_50_is_refused_naming_per_page() {
    let api = Api::start().await;
    for bad in ["10", "51", "many"] {
        let reply = api
            .get(&api.site(&format!("/conversations/1?per_page={bad}")))
            .await;
        reply.assert_error(400, "invalid_data");
        assert!(
            reply.message().contains("per_page"),
            "the message names per_page: {reply:?}"
        );
    }
}

#[tokio::test]
async fn pages_cover_every_conversation_once_and_end_with_a_short_then_empty_page() {
    let api = Api::start().await;
    let all = api.all_conversations("").await;
    let unique: HashSet<String> = ids(&all).into_iter().collect();
    assert_eq!(
        unique.len(),
        all.len(),
        "no conversation appears on two pages"
    );
    assert_eq!(
        all.len(),
        192,
        "200 seeded conversations minus the 8 empty ones"
    );
    let past = api.get(&api.site("/conversations/99?per_page=50")).await;
    past.assert_ok(200);
    assert_eq!(past.data(), &json!([]), "a page past the end is empty");
    let first = api.get(&api.site("/conversations/1")).await;
    assert_eq!(
        first.data().as_array().map(Vec::len),
        Some(20),
        "per_page defaults to 20"
    );
}

#[tokio::test]
async fn the_default_order_is_last_updated_first() {
    let api = Api::start().await;
    let all = api.all_conversations("").await;
    let updated: Vec<u64> = all
        .iter()
        .map(|item| item["updated_at"].as_u64().unwrap_or(0))
        .collect();
    assert!(
        updated.windows(2).all(|pair| pair[0] >= pair[1]),
        "newest update first"
    );
}

#[tokio::test]
async fn order_date_created_sorts_by_creation_newest_first() {
    let api = Api::start().await;
    let all = api.all_conversations("&order_date_created=1").await;
    let created: Vec<u64> = all
        .iter()
        .map(|item| item["created_at"].as_u64().unwrap_or(0))
        .collect();
    assert!(
        created.windows(2).all(|pair| pair[0] >= pair[1]),
        "newest creation first"
    );
}

#[tokio::test]
async fn order_date_waiting_keeps_only_waiting_conversations_longest_waiting_first() {
    let api = Api::start().await;
    let all = api.all_conversations("&order_date_waiting=1").await;
    assert!(
        !all.is_empty(),
        "some seeded conversations wait for a reply"
    );
    let waiting: Vec<u64> = all
        .iter()
        .map(|item| {
            item["waiting_since"]
                .as_u64()
                .expect("only waiting conversations")
        })
        .collect();
    assert!(
        waiting.windows(2).all(|pair| pair[0] <= pair[1]),
        "longest waiting first"
    );
    assert!(
        all.iter().all(|item| item["state"] != "resolved"),
        "resolved conversations do not wait"
    );
}

#[tokio::test]
async fn text_search_matches_nickname_email_and_last_message() {
    let api = Api::start().await;
    let session_id = api
        .injected_conversation("My parcel to Reykjavik is lost")
        .await;
    let by_message = ids(&api
        .all_conversations("&search_query=reykjavik&search_type=text")
        .await);
    assert_eq!(
        by_message,
        vec![session_id.clone()],
        "the last message is searched, case-insensitively"
    );
    let by_email = ids(&api
        .all_conversations("&search_query=test.visitor%40example.com")
        .await);
    assert_eq!(
        by_email,
        vec![session_id.clone()],
        "the email is searched (text is the default type)"
    );
    let by_name = ids(&api.all_conversations("&search_query=Test%20Visitor").await);
    assert_eq!(by_name, vec![session_id], "the nickname is searched");
}

#[tokio::test]
async fn segment_search_keeps_conversations_with_that_segment() {
    let api = Api::start().await;
    let all = api
        .all_conversations("&search_query=refund&search_type=segment")
        .await;
    assert!(!all.is_empty(), "the seed tags some conversations refund");
    assert!(
        all.iter().all(|item| item["meta"]["segments"]
            .as_array()
            .is_some_and(|s| s.contains(&json!("refund")))),
        "every result has the segment"
    );
}

#[tokio::test]
async fn filter_search_reads_a_json_array_of_filter_objects() {
    let api = Api::start().await;
    let session_id = api.injected_conversation("Filter me").await;
    let filter = json!([{ "model": "session", "criterion": "meta.email", "operator": "eq", "query": ["test.visitor@example.com"] }]);
    let encoded: String =
        url::form_urlencoded::byte_serialize(filter.to_string().as_bytes()).collect();
    let found = ids(&api
        .all_conversations(&format!("&search_type=filter&search_query={encoded}"))
        .await);
    assert_eq!(
        found,
        vec![session_id],
        "the filter keeps the matching conversation only"
    );
    let either = json!([
        { "model": "session", "criterion": "state", "operator": "eq", "query": ["pending"] },
        { "model": "session", "criterion": "state", "operator": "eq", "query": ["resolved"] },
    ]);
    let encoded: String =
        url::form_urlencoded::byte_serialize(either.to_string().as_bytes()).collect();
    let any = api
        .all_conversations(&format!(
            "&search_type=filter&search_operator=or&search_query={encoded}"
        ))
        .await;
    assert!(
        any.iter().all(|item| item["state"] != "unresolved"),
        "or combines the rules"
    );
    assert!(
        any.iter().any(|item| item["state"] == "pending")
            && any.iter().any(|item| item["state"] == "resolved"),
        "both rules match some"
    );
}

#[tokio::test]
async fn a_malformed_filter_is_refused_naming_search_query() {
    let api = Api::start().await;
    let reply = api
        .get(&api.site("/conversations/1?search_type=filter&search_query=not-json"))
        .await;
    reply.assert_error(400, "invalid_data");
    assert!(
        reply.message().contains("search_query"),
        "names the parameter: {reply:?}"
    );
}

#[tokio::test]
async fn flags_filter_unread_resolved_not_resolved_assigned_and_unassigned() {
    let api = Api::start().await;
    let unread = api.all_conversations("&filter_unread=1").await;
    assert!(
        !unread.is_empty()
            && unread
                .iter()
                .all(|item| item["unread"]["operator"].as_u64() > Some(0)),
        "unread only"
    );
    let resolved = api.all_conversations("&filter_resolved=1").await;
    assert!(
        !resolved.is_empty() && resolved.iter().all(|item| item["state"] == "resolved"),
        "resolved only"
    );
    let open = api.all_conversations("&filter_not_resolved=1").await;
    assert!(
        !open.is_empty() && open.iter().all(|item| item["state"] != "resolved"),
        "not resolved only"
    );
    assert_eq!(
        resolved.len() + open.len(),
        api.all_conversations("").await.len(),
        "the two partition the list"
    );
    let operators = api.get(&api.site("/operators/list")).await;
    let user_id = operators.data()[0]["details"]["user_id"]
        .as_str()
        .expect("an operator")
        .to_owned();
    let assigned = api
        .all_conversations(&format!("&filter_assigned={user_id}"))
        .await;
    assert!(
        !assigned.is_empty()
            && assigned
                .iter()
                .all(|item| item["assigned"]["user_id"] == json!(user_id)),
        "assigned to that operator only"
    );
    let unassigned = api.all_conversations("&filter_unassigned=1").await;
    assert!(
        !unassigned.is_empty() && unassigned.iter().all(|item| item.get("assigned").is_none()),
        "nobody assigned"
    );
}

#[tokio::test]
async fn flags_other_than_1_or_0_are_refused_naming_the_flag() {
    let api = Api::start().await;
    let reply = api
        .get(&api.site("/conversations/1?filter_unread=true"))
        .await;
    reply.assert_error(400, "invalid_data");
    assert!(
        reply.message().contains("filter_unread"),
        "names the flag: {reply:?}"
    );
}

#[tokio::test]
async fn date_filters_bound_the_update_date() {
    let api = Api::start().await;
    let all = api.all_conversations("").await;
    let middle = all[all.len() / 2]["updated_at"]
        .as_u64()
        .expect("updated_at");
    let iso = chrono::DateTime::from_timestamp_millis(middle as i64)
        .expect("a date")
        .to_rfc3339();
    let encoded: String = url::form_urlencoded::byte_serialize(iso.as_bytes()).collect();
    let newer = api
        .all_conversations(&format!("&filter_date_start={encoded}"))
        .await;
    assert!(
        !newer.is_empty()
            && newer
                .iter()
                .all(|item| item["updated_at"].as_u64() >= Some(middle / 1000 * 1000)),
        "start bounds updated_at"
    );
    let older = api
        .all_conversations(&format!("&filter_date_end={encoded}"))
        .await;
    assert!(
        !older.is_empty()
            && older
                .iter()
                .all(|item| item["updated_at"].as_u64() <= Some(middle)),
        "end bounds updated_at"
    );
    assert!(
        newer.len() < all.len() && older.len() < all.len(),
        "both bounds drop something"
    );
    let bad = api
        .get(&api.site("/conversations/1?filter_date_start=yesterday"))
        .await;
    bad.assert_error(400, "invalid_data");
}

#[tokio::test]
async fn get_conversation_answers_the_conversation_and_404_when_missing() {
    let api = Api::start().await;
    let session_id = api.injected_conversation("Hello there").await;
    let reply = api
        .get(&api.site(&format!("/conversation/{session_id}")))
        .await;
    reply.assert_ok(200);
    assert_eq!(
        reply.data()["session_id"],
        json!(session_id),
        "the asked conversation"
    );
    assert_eq!(
        reply.data()["last_message"],
        json!("Hello there"),
        "with its last message"
    );
    api.get(&api.site("/conversation/session_nope"))
        .await
        .assert_error(404, "not_found");
}

#[tokio::test]
async fn removing_a_conversation_takes_it_and_its_messages_away() {
    let api = Api::start().await;
    let session_id = api.injected_conversation("Bye").await;
    let reply = api
        .delete(&api.site(&format!("/conversation/{session_id}")))
        .await;
    reply.assert_ok(200);
    assert_eq!(reply.reason(), "deleted", "the contract's example reason");
    api.get(&api.site(&format!("/conversation/{session_id}")))
        .await
        .assert_error(404, "not_found");
    api.get(&api.site(&format!("/conversation/{session_id}/messages")))
        .await
        .assert_error(404, "not_found");
}

#[tokio::test]
async fn state_changes_are_read_back_and_unknown_states_refused() {
    let api = Api::start().await;
    let session_id = api.injected_conversation("Please close this").await;
    let path = api.site(&format!("/conversation/{session_id}/state"));
    let change = api
        .patch(
            &path,
            json!({ "state": "resolved", "user": { "nickname": "Rui (Support)" } }),
        )
        .await;
    change.assert_ok(200);
    let read = api.get(&path).await;
    assert_eq!(
        read.data(),
        &json!({ "state": "resolved" }),
        "the change is stored"
    );
    let bad = api.patch(&path, json!({ "state": "closed" })).await;
    bad.assert_error(400, "invalid_data");
    assert!(
        bad.message().contains("state"),
        "names the property: {bad:?}"
    );
    let missing = api.patch(&path, json!({})).await;
    missing.assert_error(400, "invalid_data");
    assert_eq!(
        missing.message(),
        "data should have required property '.state'",
        "Crisp's wording"
    );
}

#[tokio::test]
async fn a_meta_patch_changes_only_the_given_fields() {
    let api = Api::start().await;
    let session_id = api.injected_conversation("Meta please").await;
    let path = api.site(&format!("/conversation/{session_id}/meta"));
    let before = api.get(&path).await.data().clone();
    api.patch(&path, json!({ "nickname": "Ana Costa", "segments": ["customer", "refund"], "data": { "plan": "pro" } }))
        .await
        .assert_ok(200);
    let after = api.get(&path).await.data().clone();
    assert_eq!(after["nickname"], json!("Ana Costa"), "nickname changed");
    assert_eq!(
        after["segments"],
        json!(["customer", "refund"]),
        "segments replaced"
    );
    assert_eq!(after["data"], json!({ "plan": "pro" }), "data replaced");
    assert_eq!(after["email"], before["email"], "email untouched");
    let bad = api.patch(&path, json!({ "email": "not-an-email" })).await;
    bad.assert_error(400, "invalid_data");
    assert!(
        bad.message().contains("email"),
        "names the property: {bad:?}"
    );
}

#[tokio::test]
async fn marking_read_without_origin_is_refused_with_crisps_message() {
    let api = Api::start().await;
    let session_id = api.injected_conversation("Unread").await;
    let reply = api
        .patch(
            &api.site(&format!("/conversation/{session_id}/read")),
            json!({ "from": "operator" }),
        )
        .await;
    reply.assert_error(400, "invalid_data");
    assert_eq!(
        reply.message(),
        "data should have required property '.origin'",
        "the contract's observed message"
    );
}

#[tokio::test]
async fn marking_read_clears_the_operators_unread_count() {
    let api = Api::start().await;
    let session_id = api.injected_conversation("Unread").await;
    let path = api.site(&format!("/conversation/{session_id}"));
    assert_eq!(
        api.get(&path).await.data()["unread"]["operator"],
        json!(1),
        "a visitor message is unread"
    );
    api.patch(
        &format!("{path}/read"),
        json!({ "from": "operator", "origin": "chat" }),
    )
    .await
    .assert_ok(200);
    assert_eq!(
        api.get(&path).await.data()["unread"]["operator"],
        json!(0),
        "read clears it"
    );
    api.patch(&format!("{path}/unread"), json!({ "from": "operator" }))
        .await
        .assert_ok(200);
    assert_eq!(
        api.get(&path).await.data()["unread"]["operator"],
        json!(1),
        "unread sets it again"
    );
}

#[tokio::test]
async fn assigning_is_read_back_from_routing_and_unknown_operators_are_refused() {
    let api = Api::start().await;
    let session_id = api.injected_conversation("Route me").await;
    let path = api.site(&format!("/conversation/{session_id}/routing"));
    let operators = api.get(&api.site("/operators/list")).await;
    let user_id = operators.data()[1]["details"]["user_id"].clone();
    api.patch(
        &path,
        json!({ "assigned": { "user_id": user_id }, "silent": false }),
    )
    .await
    .assert_ok(200);
    assert_eq!(
        api.get(&path).await.data(),
        &json!({ "assigned": { "user_id": user_id } }),
        "the assignee is stored"
    );
    let bad = api
        .patch(
            &path,
            json!({ "assigned": { "user_id": "00000000-0000-4000-8000-000000000000" } }),
        )
        .await;
    bad.assert_error(400, "invalid_data");
    api.patch(&path, json!({ "assigned": null }))
        .await
        .assert_ok(200);
    assert_eq!(api.get(&path).await.data(), &json!({}), "null unassigns");
}

#[tokio::test]
async fn filter_mention_keeps_conversations_mentioning_the_token_holder() {
    let api = Api::start().await;
    let operators = api.get(&api.site("/operators/list")).await;
    let owner = operators.data()[0]["details"]["user_id"].clone();
    let session_id = api.injected_conversation("Mention test").await;
    api.post(
        &api.site(&format!("/conversation/{session_id}/message")),
        json!({ "type": "note", "from": "operator", "origin": "chat", "content": "Rui, look", "mentions": [owner] }),
    )
    .await
    .assert_ok(200);
    let mentioned = api.all_conversations("&filter_mention=1").await;
    assert!(
        ids(&mentioned).contains(&session_id),
        "the mentioned conversation is kept"
    );
    assert!(
        mentioned.iter().all(|item| item["mentions"]
            .as_array()
            .is_some_and(|m| m.contains(&owner))),
        "all mention the owner"
    );
}
