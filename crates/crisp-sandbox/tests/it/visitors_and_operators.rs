use serde_json::json;

use crate::support::Api;

#[tokio::test]
async fn thirty_live_visitors_are_counted_and_listed_in_pages() {
    let api = Api::start().await;
    let count = api.get(&api.site("/visitors/count")).await;
    count.assert_ok(200);
    assert_eq!(count.data()["count"], json!(30), "30 seeded visitors");
    assert_eq!(count.data()["limited"], json!(false), "an exact count");
    let first = api.get(&api.site("/visitors/list/1")).await;
    let second = api.get(&api.site("/visitors/list/2")).await;
    let third = api.get(&api.site("/visitors/list/3")).await;
    assert_eq!(
        first.data().as_array().map(Vec::len),
        Some(20),
        "pages of 20"
    );
    assert_eq!(second.data().as_array().map(Vec::len), Some(10), "the rest");
    assert_eq!(third.data(), &json!([]), "then nothing");
    assert!(
        first.data()[0]["last_page"]["page_url"].is_string(),
        "visitors carry their page"
    );
}

#[tokio::test]
async fn operators_are_listed_wrapped_in_type_and_details() {
    let api = Api::start().await;
    let reply = api.get(&api.site("/operators/list")).await;
    reply.assert_ok(200);
    let operators = reply.data().as_array().expect("a list");
    assert_eq!(operators.len(), 5, "five seeded operators");
    for entry in operators {
        assert_eq!(entry["type"], json!("operator"), "wrapped entries: {entry}");
        assert!(
            entry["details"]["user_id"].is_string() && entry["details"]["first_name"].is_string(),
            "snake_case details: {entry}"
        );
    }
    let user_id = operators[0]["details"]["user_id"].as_str().expect("an id");
    let one = api.get(&api.site(&format!("/operator/{user_id}"))).await;
    assert_eq!(one.data()["user_id"], json!(user_id), "one operator by id");
    api.get(&api.site("/availability/status"))
        .await
        .assert_ok(200);
    api.get(&api.site("/availability/operators"))
        .await
        .assert_ok(200);
    api.get(&api.site("/operators/active")).await.assert_ok(200);
}
