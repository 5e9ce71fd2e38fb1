//! `crispdesk events` as a process against an in-process sandbox: JSON lines from the real-time socket, and
//! `error: unauthorized` for a bad keypair.

use std::process::Stdio;
use std::time::Duration;

use crisp_sandbox::{Sandbox, SandboxConfig};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

async fn sandbox() -> Sandbox {
    crisp_sandbox::spawn(SandboxConfig {
        conversations: 5,
        people: 5,
        ..SandboxConfig::default()
    })
    .await
    .expect("the sandbox starts")
}

/// `crispdesk events ARGS` for `sandbox`'s identifier and `key`, with no other `CRISP_*` from the caller.
fn events(sandbox: &Sandbox, key: &str, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_crispdesk"));
    command
        .arg("events")
        .args(args)
        .env_remove("CRISP_TIER")
        .env_remove("CRISPDESK_LOG")
        .env("CRISP_IDENTIFIER", sandbox.identifier())
        .env("CRISP_KEY", key)
        .env("CRISP_WEBSITE_ID", sandbox.website_id())
        .env("CRISP_API_BASE", sandbox.base_url())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    command
}

#[tokio::test]
async fn events_prints_one_json_line_per_socket_event() {
    let sandbox = sandbox().await;
    let mut child = events(
        &sandbox,
        sandbox.key(),
        &["--events", "message:send,message:received"],
    )
    .spawn()
    .expect("crispdesk runs");
    sandbox.rtm_wait_authenticated(1).await;
    let injected = sandbox.inject_conversation("Hello from the shell").await;
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let line = tokio::time::timeout(Duration::from_secs(10), lines.next_line())
        .await
        .expect("a line in time")
        .expect("stdout reads")
        .expect("a line");
    let printed: Value = serde_json::from_str(&line).expect("one JSON object per line");
    assert_eq!(
        printed["event"],
        json!("message:send"),
        "the socket's event name"
    );
    assert_eq!(
        (
            &printed["data"]["session_id"],
            &printed["data"]["fingerprint"],
            &printed["data"]["content"]
        ),
        (
            &json!(injected.session_id),
            &json!(injected.fingerprint),
            &json!("Hello from the shell")
        ),
        "the payload as Crisp sends it"
    );
    child.start_kill().expect("crispdesk stops");
}

#[tokio::test]
async fn a_bad_keypair_prints_unauthorized_and_exits_1() {
    let sandbox = sandbox().await;
    let output = tokio::time::timeout(
        Duration::from_secs(10),
        events(&sandbox, "not-the-key", &[]).output(),
    )
    .await
    .expect("crispdesk ends by itself")
    .expect("crispdesk runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "exit 1: {stderr}");
    assert!(stderr.contains("error: unauthorized"), "says so: {stderr}");
    assert!(output.stdout.is_empty(), "no event printed");
}

#[tokio::test]
async fn with_every_log_turned_on_the_key_never_reaches_stderr() {
    let sandbox = sandbox().await;
    let mut command = events(&sandbox, sandbox.key(), &["--events", "message:send"]);
    command.env("CRISPDESK_LOG", "trace");
    let mut child = command.spawn().expect("crispdesk runs");
    sandbox.rtm_wait_authenticated(1).await;
    sandbox.inject_conversation("Hello from the shell").await;
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    tokio::time::timeout(Duration::from_secs(10), lines.next_line())
        .await
        .expect("a line in time")
        .expect("stdout reads")
        .expect("an event, so the authentication frame has gone out");
    child.start_kill().expect("crispdesk stops");
    let output = child.wait_with_output().await.expect("crispdesk ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("TRACE"),
        "the trace filter is on, so the check below means something"
    );
    assert!(
        !stderr.contains(sandbox.key()),
        "the authentication frame carries the key: the socket's frame traces stay off even at TRACE"
    );
}
