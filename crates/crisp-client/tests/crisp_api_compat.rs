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
