use crisp_sandbox::{SandboxConfig, Tier};
use serde_json::Value;

use crate::support::Api;

fn summary(items: &Value) -> Vec<(Value, Value, Value)> {
    items
        .as_array()
        .expect("a list")
        .iter()
        .map(|item| {
            (
                item["session_id"].clone(),
                item["meta"]["nickname"].clone(),
                item["last_message"].clone(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_same_seed_gives_the_same_data() {
    let config = SandboxConfig {
        website_id: Some("3f2b9c1e-5d47-4a8e-9b61-0c2d7e4f8a13".into()),
        seed: 7,
        ..SandboxConfig::default()
    };
    let one = Api::with(config.clone()).await;
    let two = Api::with(config).await;
    let path = one.site("/conversations/1?per_page=50&order_date_created=1");
    let first = summary(one.get(&path).await.data());
    let second = summary(two.get(&path).await.data());
    assert_eq!(first, second, "same seed, same conversations");
    let other = Api::with(SandboxConfig {
        seed: 8,
        ..SandboxConfig::default()
    })
    .await;
    let third = summary(
        other
            .get(&other.site("/conversations/1?per_page=50&order_date_created=1"))
            .await
            .data(),
    );
    assert_ne!(first, third, "another seed, other conversations");
}

#[tokio::test]
async fn the_seed_size_follows_the_configuration() {
    let api = Api::with(SandboxConfig {
        conversations: 30,
        people: 40,
        ..SandboxConfig::default()
    })
    .await;
    let stats = api.get(&api.site("/people/stats")).await;
    assert_eq!(stats.data()["total"], serde_json::json!(40), "40 people");
    let all = api.all_conversations("&include_empty=1").await;
    assert_eq!(all.len(), 30, "30 conversations");
}

#[tokio::test]
async fn info_serializes_as_the_cli_json_line() {
    let api = Api::with_tier(Tier::Website).await;
    let info = serde_json::to_value(api.sandbox.info()).expect("serializes");
    let keys: Vec<&str> = info
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["base_url", "identifier", "key", "website_id", "tier"],
        "the printed fields"
    );
    assert_eq!(info["tier"], "website", "tiers are lowercase");
    let base = info["base_url"].as_str().expect("a base url");
    assert!(
        base.starts_with("http://127.0.0.1:") && !base.ends_with("/v1"),
        "a loopback base without /v1: {base}"
    );
    assert_eq!(
        info["key"].as_str().map(str::len),
        Some(64),
        "a 64-char hex key like Crisp's"
    );
}

#[tokio::test]
async fn shutdown_stops_the_server() {
    let api = Api::start().await;
    let addr = api.sandbox.local_addr();
    api.get(&api.site("")).await.assert_ok(200);
    api.sandbox.shutdown().await;
    let connect = tokio::net::TcpStream::connect(addr).await;
    assert!(connect.is_err(), "nothing listens after shutdown");
}

#[tokio::test]
async fn a_listen_address_in_use_is_reported() {
    let api = Api::start().await;
    let taken = crisp_sandbox::spawn(SandboxConfig {
        listen: api.sandbox.local_addr(),
        ..SandboxConfig::default()
    })
    .await;
    assert!(
        matches!(taken, Err(crisp_sandbox::Error::Bind { .. })),
        "binding a used port fails with Bind"
    );
}
