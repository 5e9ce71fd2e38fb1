use crisp_sandbox::Tier;
use reqwest::Method;
use serde_json::json;

use crate::support::Api;

#[tokio::test]
async fn a_wrong_key_is_refused_with_401_invalid_session() {
    let api = Api::start().await;
    let builder = api
        .http
        .get(api.url(&api.site("")))
        .basic_auth(api.sandbox.identifier(), Some("not-the-key"))
        .header("X-Crisp-Tier", "user");
    Api::send(builder)
        .await
        .assert_error(401, "invalid_session");
}

#[tokio::test]
async fn a_request_without_credentials_is_refused_with_401_invalid_session() {
    let api = Api::start().await;
    let reply = Api::send(api.http.get(api.url(&api.site("")))).await;
    reply.assert_error(401, "invalid_session");
}

#[tokio::test]
async fn a_tier_header_that_differs_from_the_tokens_tier_is_refused_with_401_restricted_route_tier()
{
    let api = Api::start().await;
    let builder = api
        .http
        .get(api.url(&api.site("")))
        .basic_auth(api.sandbox.identifier(), Some(api.sandbox.key()))
        .header("X-Crisp-Tier", "plugin");
    Api::send(builder)
        .await
        .assert_error(401, "restricted_route_tier");
}

#[tokio::test]
async fn a_missing_tier_header_counts_as_user() {
    let api = Api::start().await;
    let builder = api
        .http
        .get(api.url(&api.site("")))
        .basic_auth(api.sandbox.identifier(), Some(api.sandbox.key()));
    Api::send(builder).await.assert_ok(200);
}

#[tokio::test]
async fn creating_a_website_with_a_plugin_token_is_refused_with_401_restricted_route_tier() {
    let api = Api::with_tier(Tier::Plugin).await;
    let reply = api
        .post(
            "/v1/website",
            json!({ "name": "Acme Support", "domain": "acme.pt" }),
        )
        .await;
    reply.assert_error(401, "restricted_route_tier");
}

#[tokio::test]
async fn plugin_tokens_reach_the_routes_plugins_may_use() {
    let api = Api::with_tier(Tier::Plugin).await;
    api.get(&api.site("/conversations/1")).await.assert_ok(200);
    api.get(&api.site("/people/stats")).await.assert_ok(200);
}

#[tokio::test]
async fn another_website_is_403_not_allowed_for_user_tokens() {
    let api = Api::start().await;
    let reply = api
        .get("/v1/website/00000000-0000-4000-8000-000000000000/conversations/1")
        .await;
    reply.assert_error(403, "not_allowed");
}

#[tokio::test]
async fn another_website_is_404_not_subscribed_for_plugin_tokens() {
    let api = Api::with_tier(Tier::Plugin).await;
    let reply = api
        .get("/v1/website/00000000-0000-4000-8000-000000000000/conversations/1")
        .await;
    reply.assert_error(404, "not_subscribed");
}

#[tokio::test]
async fn plugin_tokens_get_404_not_subscribed_once_the_website_is_unsubscribed() {
    let api = Api::with_tier(Tier::Plugin).await;
    let settings = api
        .control(
            Method::POST,
            "/settings",
            Some(json!({ "subscribed": false })),
        )
        .await;
    assert_eq!(
        settings.json["subscribed"],
        json!(false),
        "the setting is applied: {settings:?}"
    );
    api.get(&api.site(""))
        .await
        .assert_error(404, "not_subscribed");
    api.sandbox.set_subscribed(true).await;
    api.get(&api.site("")).await.assert_ok(200);
}

#[tokio::test]
async fn user_tokens_are_not_affected_by_the_subscription_setting() {
    let api = Api::start().await;
    api.sandbox.set_subscribed(false).await;
    api.get(&api.site("")).await.assert_ok(200);
}

#[tokio::test]
async fn given_credentials_are_the_ones_accepted() {
    let api = Api::with(crisp_sandbox::SandboxConfig {
        identifier: Some("my-identifier".into()),
        key: Some("my-key".into()),
        website_id: Some("3f2b9c1e-5d47-4a8e-9b61-0c2d7e4f8a13".into()),
        ..Default::default()
    })
    .await;
    let info = api.sandbox.info();
    assert_eq!(
        (
            info.identifier.as_str(),
            info.key.as_str(),
            info.website_id.as_str()
        ),
        (
            "my-identifier",
            "my-key",
            "3f2b9c1e-5d47-4a8e-9b61-0c2d7e4f8a13"
        ),
        "the configured credentials are used as given"
    );
    api.get("/v1/website/3f2b9c1e-5d47-4a8e-9b61-0c2d7e4f8a13")
        .await
        .assert_ok(200);
}
