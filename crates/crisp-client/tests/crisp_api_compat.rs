//! Crisp's official Node client (crisp-api 11.3.0, from the repository's npm dev dependencies) against the
//! sandbox's socket: what the sandbox serves is what Crisp's own client expects.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use crisp_sandbox::SandboxConfig;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::Command;

fn repository_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[tokio::test]
async fn crisp_apis_node_client_receives_an_injected_visitor_message() {
    let root = repository_root();
    assert!(
        root.join("node_modules/crisp-api/package.json").exists(),
        "crisp-api is installed (run `npm ci` at the repository root)"
    );
    let sandbox = crisp_sandbox::spawn(SandboxConfig {
        conversations: 5,
        people: 5,
        ..SandboxConfig::default()
    })
    .await
    .expect("the sandbox starts");
    let mut node = Command::new("node")
        .arg(root.join("crates/crisp-client/tests/node/crisp_api_listen.cjs"))
        .env("CRISP_REST_HOST", sandbox.base_url())
        .env("CRISP_IDENTIFIER", sandbox.identifier())
        .env("CRISP_TIER", sandbox.tier().as_str())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("node runs");
    let mut stdin = node.stdin.take().expect("stdin");
    stdin
        .write_all(format!("{}\n", sandbox.key()).as_bytes())
        .await
        .expect("the key is written");
    drop(stdin);

    sandbox.rtm_wait_authenticated(1).await;
    let injected = sandbox
        .inject_conversation("Is this the Node client?")
        .await;

    let mut lines = BufReader::new(node.stdout.take().expect("stdout")).lines();
    let line = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
        .await
        .expect("the Node client prints the event in time")
        .expect("stdout reads")
        .expect("the Node client printed a line");
    let message: Value = serde_json::from_str(&line).expect("one JSON line");
    assert_eq!(
        (
            &message["session_id"],
            &message["fingerprint"],
            &message["content"]
        ),
        (
            &json!(injected.session_id),
            &json!(injected.fingerprint),
            &json!("Is this the Node client?")
        ),
        "client.on(\"message:send\") gets the injected message"
    );
    assert_eq!(
        message["website_id"],
        json!(sandbox.website_id()),
        "and its website"
    );
    let status = tokio::time::timeout(Duration::from_secs(10), node.wait())
        .await
        .expect("node exits")
        .expect("node's status");
    assert!(status.success(), "the script ends well: {status}");
}

/// The sandbox's log as `(method, path, body)`, with `from` session IDs written as `to`'s.
async fn wire(sandbox: &crisp_sandbox::Sandbox, from: &[String], to: &[String]) -> Vec<Value> {
    sandbox
        .requests()
        .await
        .into_iter()
        .map(|entry| {
            let mut text = json!([entry["method"], entry["path"], entry["body"]]).to_string();
            for (from, to) in from.iter().zip(to) {
                text = text.replace(from.as_str(), to);
            }
            serde_json::from_str(&text).expect("still JSON")
        })
        .collect()
}

#[tokio::test]
async fn routing_and_batch_requests_match_what_crisp_apis_node_client_sends() {
    use crisp_client::conversations::{
        AssignConversationRouting, BatchAssignConversations, BatchReadConversations,
        BatchRemoveConversations, BatchResolveConversations, BatchUnreadConversations,
        BatchUnresolveConversations, CreateConversation, GetConversationRouting,
    };
    use crisp_client::{ApiKey, Client, ClientConfig, Credentials, KnownField};

    let root = repository_root();
    let sandbox = crisp_sandbox::spawn(SandboxConfig {
        conversations: 0,
        people: 0,
        ..SandboxConfig::default()
    })
    .await
    .expect("the sandbox starts");
    let website = sandbox.website_id().to_owned();
    let mut config = ClientConfig::new(Credentials {
        identifier: sandbox.identifier().to_owned(),
        key: ApiKey::from(sandbox.key()),
        tier: crisp_client::Tier::User,
    });
    config.base_url = sandbox.base_url().to_owned();
    let client = Client::new(config).expect("a client");
    let mut created = Vec::new();
    for _ in 0..4 {
        let conversation = client
            .send(&CreateConversation::new(&website))
            .await
            .expect("created");
        created.push(conversation.session_id.expect("a session_id"));
    }
    let (node_sessions, our_sessions) = created.split_at(2);
    let operators = client
        .send(&crisp_client::operators::ListOperators::new(&website))
        .await
        .expect("listed");
    let operator = operators[0]
        .details
        .known()
        .and_then(|details| details.user_id.clone())
        .expect("an operator");

    sandbox.clear_requests().await;
    let mut node = Command::new("node")
        .arg(root.join("crates/crisp-client/tests/node/crisp_api_desk.cjs"))
        .env("CRISP_REST_HOST", sandbox.base_url())
        .env("CRISP_IDENTIFIER", sandbox.identifier())
        .env("CRISP_TIER", sandbox.tier().as_str())
        .env("CRISP_WEBSITE_ID", &website)
        .env("CRISP_SESSIONS", json!(node_sessions).to_string())
        .env("CRISP_OPERATOR", &operator)
        .stdin(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("node runs");
    let mut stdin = node.stdin.take().expect("stdin");
    stdin
        .write_all(format!("{}\n", sandbox.key()).as_bytes())
        .await
        .expect("the key is written");
    drop(stdin);
    let status = tokio::time::timeout(Duration::from_secs(30), node.wait())
        .await
        .expect("node exits")
        .expect("node's status");
    assert!(status.success(), "every Node call succeeds: {status}");
    let theirs = wire(&sandbox, node_sessions, our_sessions).await;

    sandbox.clear_requests().await;
    let sessions = our_sessions.to_vec();
    let handler = client.conversations();
    handler
        .assign(&AssignConversationRouting::new(
            &website,
            &sessions[0],
            Some(operator.clone()),
        ))
        .await
        .expect("assigned");
    handler
        .get_routing(&GetConversationRouting::new(&website, &sessions[0]))
        .await
        .expect("read");
    handler
        .batch_resolve(&BatchResolveConversations::new(&website, sessions.clone()))
        .await
        .expect("resolved");
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
            None,
        ))
        .await
        .expect("unassigned");
    handler
        .batch_remove(&BatchRemoveConversations::new(&website, sessions.clone()))
        .await
        .expect("removed");
    let ours = wire(&sandbox, &[], &[]).await;

    assert_eq!(
        theirs.len(),
        8,
        "the Node client made its eight calls: {theirs:?}"
    );
    assert_eq!(
        ours, theirs,
        "each routing and batch request has the Node client's method, path and body"
    );
}
