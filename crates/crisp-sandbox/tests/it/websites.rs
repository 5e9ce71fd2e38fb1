use crisp_sandbox::Tier;
use reqwest::Method;
use serde_json::json;

use crate::support::Api;

#[tokio::test]
async fn get_website_answers_the_seeded_website() {
    let api = Api::start().await;
    let reply = api.get(&api.site("")).await;
    reply.assert_ok(200);
    let data = reply.data();
    assert_eq!(
        data["website_id"],
        json!(api.sandbox.website_id()),
        "the configured website"
    );
    for field in ["name", "domain", "logo", "verified", "institutional"] {
        assert!(
            data.get(field).is_some(),
            "the Website object has {field}: {data}"
        );
    }
}

#[tokio::test]
async fn creating_a_website_needs_name_and_domain_and_makes_the_domain_exist() {
    let api = Api::start().await;
    let missing = api
        .post("/v1/website", json!({ "name": "Acme Support" }))
        .await;
    missing.assert_error(400, "invalid_data");
    assert_eq!(
        missing.message(),
        "data should have required property '.domain'",
        "names domain"
    );
    let created = api
        .post(
            "/v1/website",
            json!({ "name": "Acme Support", "domain": "acme.pt" }),
        )
        .await;
    created.assert_ok(200);
    assert_eq!(created.reason(), "added", "the contract's example reason");
    assert_eq!(
        created.data()["domain"],
        json!("acme.pt"),
        "the website as created"
    );
    assert_eq!(
        api.head("/v1/website?domain=acme.pt").await.status.as_u16(),
        200,
        "its domain now exists"
    );
    let website_id = created.data()["website_id"].as_str().expect("an id");
    api.get(&format!("/v1/website/{website_id}"))
        .await
        .assert_ok(200);
}

#[tokio::test]
async fn deleting_a_website_takes_a_json_verify_body_on_delete() {
    let api = Api::start().await;
    let body =
        json!({ "verify": { "method": "password", "secret": "correct horse battery staple" } });
    let reply = api.call(Method::DELETE, &api.site(""), Some(body)).await;
    reply.assert_ok(200);
    assert_eq!(reply.reason(), "deleted", "deletion is scheduled");
    api.delete(&api.site("/expunge")).await.assert_ok(200);
}

#[tokio::test]
async fn deleting_a_website_without_verify_or_with_a_wrong_secret_is_refused() {
    let api = Api::start().await;
    let none = api.delete(&api.site("")).await;
    none.assert_error(400, "invalid_data");
    assert_eq!(
        none.message(),
        "data should have required property '.verify'",
        "names verify"
    );
    let wrong = api
        .call(
            Method::DELETE,
            &api.site(""),
            Some(json!({ "verify": { "method": "password", "secret": "guess" } })),
        )
        .await;
    wrong.assert_error(403, "not_allowed");
    let method = api
        .call(
            Method::DELETE,
            &api.site(""),
            Some(json!({ "verify": { "method": "sms", "secret": "x" } })),
        )
        .await;
    method.assert_error(400, "invalid_data");
    assert!(
        method.message().contains("method"),
        "names the method: {method:?}"
    );
}

#[tokio::test]
async fn the_delete_secret_can_be_changed_through_the_control_api() {
    let api = Api::start().await;
    api.sandbox.set_delete_secret("123456").await;
    let reply = api
        .call(
            Method::DELETE,
            &api.site(""),
            Some(json!({ "verify": { "method": "token", "secret": "123456" } })),
        )
        .await;
    reply.assert_ok(200);
}

#[tokio::test]
async fn deleting_a_website_with_a_plugin_token_is_refused_with_401_restricted_route_tier() {
    let api = Api::with_tier(Tier::Plugin).await;
    let body =
        json!({ "verify": { "method": "password", "secret": "correct horse battery staple" } });
    api.call(Method::DELETE, &api.site(""), Some(body))
        .await
        .assert_error(401, "restricted_route_tier");
}
