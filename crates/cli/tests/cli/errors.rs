//! Exit codes: 1 with Crisp's reason and a hint for API and network errors, 2 naming the field for bad input;
//! the key never shows.

use std::process::Output;

use serde_json::json;

use crate::recorder::{Recorder, Reply};
use crate::{bare_crispdesk, crispdesk, KEY, SESSION};

fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn assert_no_key(output: &Output) {
    let (stdout, stderr) = text(output);
    assert!(
        !stdout.contains(KEY) && !stderr.contains(KEY),
        "the key never appears in any output"
    );
}

#[test]
fn an_api_error_prints_the_reason_the_status_and_a_hint_and_exits_1() {
    let recorder = Recorder::start();
    recorder.reply(Reply::error(401, "invalid_session", None));
    let output = crispdesk(recorder.base_url())
        .args(["websites", "get"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1), "an API error exits 1");
    let (stdout, stderr) = text(&output);
    assert!(
        stdout.is_empty(),
        "nothing is printed on stdout on failure: {stdout}"
    );
    assert!(
        stderr.starts_with("error: invalid_session (HTTP 401)\n"),
        "reason and status come first: {stderr}"
    );
    assert!(
        stderr.contains("hint: ") && stderr.contains("CRISP_KEY"),
        "the hint says what to check: {stderr}"
    );
    assert_no_key(&output);
}

#[test]
fn crisps_message_is_shown_under_the_reason() {
    let recorder = Recorder::start();
    recorder.reply(Reply::error(
        400,
        "invalid_data",
        Some("data should have required property '.origin'"),
    ));
    let input = json!({ "session_id": SESSION, "body": { "from": "operator", "origin": "chat" } })
        .to_string();
    let output = crispdesk(recorder.base_url())
        .args(["conversations", "read", "--json", &input])
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(1),
        "Crisp refusing the body is an API error"
    );
    let (_, stderr) = text(&output);
    assert!(
        stderr.starts_with("error: invalid_data (HTTP 400)\n"),
        "reason and status: {stderr}"
    );
    assert!(
        stderr.contains("required property '.origin'"),
        "Crisp's message names the property: {stderr}"
    );
}

#[test]
fn an_unreachable_host_exits_1_with_a_hint() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let output = crispdesk(&format!("http://127.0.0.1:{port}"))
        .args(["conversations", "create"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1), "a network failure exits 1");
    let (_, stderr) = text(&output);
    assert!(
        stderr.starts_with("error: "),
        "the error is printed: {stderr}"
    );
    assert!(
        stderr.contains("CRISP_API_BASE"),
        "the hint points at the host setting: {stderr}"
    );
    assert_no_key(&output);
}

/// Runs a command that must be refused before anything is sent; gives stderr.
fn refused(args: &[&str], stdin: &str) -> String {
    let recorder = Recorder::start();
    let output = crispdesk(recorder.base_url())
        .args(args)
        .write_stdin(stdin.to_owned())
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(2),
        "bad input exits 2 for {args:?}"
    );
    assert!(
        recorder.requests().is_empty(),
        "bad input sends nothing for {args:?}"
    );
    assert_no_key(&output);
    text(&output).1
}

#[test]
fn bad_input_exits_2_naming_the_field_and_sends_nothing() {
    let stderr = refused(
        &["conversations", "search", "--json", "-"],
        r#"{"per_pag": 20}"#,
    );
    assert!(
        stderr.contains("per_pag"),
        "a typo is named instead of dropped: {stderr}"
    );

    let stderr = refused(
        &["conversations", "search", "--json", "-"],
        r#"{"page": "two"}"#,
    );
    assert!(
        stderr.contains("page"),
        "a wrong type names its field: {stderr}"
    );

    let body = r#""body": {"type": "text", "from": "operator", "origin": "chat", "content": "Hi"}"#;
    let stderr = refused(&["messages", "send", "--json", "-"], &format!("{{{body}}}"));
    assert!(
        stderr.contains("session_id"),
        "a missing path parameter is named: {stderr}"
    );

    let stderr = refused(
        &["messages", "send", "--json", "-"],
        r#"{"session_id": "s", "body": {"type": "text", "from": "operator", "origin": "chat", "contnet": "x"}}"#,
    );
    assert!(
        stderr.contains("contnet"),
        "a typo inside the body is named: {stderr}"
    );

    let stderr = refused(&["operators", "list", "--json", "-"], "{not json");
    assert!(
        stderr.contains("--json"),
        "unparsable input names where it came from: {stderr}"
    );

    let stderr = refused(&["operators", "list", "--json", "-"], "[]");
    assert!(
        stderr.contains("object"),
        "the input must be one object: {stderr}"
    );

    let stderr = refused(
        &["conversations", "batch", "resolve", "--json", "-"],
        r#"{"body": {"sessions": []}}"#,
    );
    assert!(
        stderr.contains("sessions"),
        "an empty batch is refused naming the sessions: {stderr}"
    );

    let stderr = refused(
        &["conversations", "assign", "--json", "-"],
        r#"{"session_id": "s", "body": {}}"#,
    );
    assert!(
        stderr.contains("assigned"),
        "a forgotten assignee is named, never read as unassign: {stderr}"
    );

    for id in ["..", ""] {
        let stderr = refused(
            &["conversations", "get", "--json", "-"],
            &format!(r#"{{"session_id": "{id}"}}"#),
        );
        assert!(
            stderr.contains("session_id"),
            "a path ID {id:?} that names no conversation is refused: {stderr}"
        );
    }
}

#[test]
fn a_missing_website_or_credential_is_bad_input_naming_the_variable() {
    let recorder = Recorder::start();
    let output = bare_crispdesk()
        .env("CRISP_IDENTIFIER", "id")
        .env("CRISP_KEY", KEY)
        .env("CRISP_API_BASE", recorder.base_url())
        .args(["operators", "list"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2), "no website is bad input");
    assert!(
        text(&output).1.contains("CRISP_WEBSITE_ID"),
        "the variable to set is named"
    );

    let output = bare_crispdesk()
        .env("CRISP_IDENTIFIER", "id")
        .env("CRISP_WEBSITE_ID", "w")
        .env("CRISP_API_BASE", recorder.base_url())
        .args(["operators", "list"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2), "no key is bad input");
    assert!(
        text(&output).1.contains("CRISP_KEY"),
        "the variable to set is named"
    );
    assert!(
        recorder.requests().is_empty(),
        "nothing is sent without a website and a key"
    );
}

#[test]
fn an_unknown_operation_or_tier_exits_2() {
    bare_crispdesk()
        .args(["conversations", "explode"])
        .assert()
        .code(2);
    bare_crispdesk()
        .args(["conversations", "batch", "explode"])
        .assert()
        .code(2);
    bare_crispdesk()
        .args(["conversations", "batch"])
        .assert()
        .code(2);
    bare_crispdesk()
        .args(["operators", "list", "--tier", "admin"])
        .assert()
        .code(2);
}

#[test]
fn the_help_names_every_variable_and_the_sandbox() {
    let output = bare_crispdesk().arg("--help").output().expect("runs");
    assert!(output.status.success(), "--help exits 0");
    let (help, _) = text(&output);
    for name in [
        "CRISP_IDENTIFIER",
        "CRISP_KEY",
        "CRISP_TIER",
        "CRISP_WEBSITE_ID",
        "CRISP_API_BASE",
        "crispdesk sandbox",
    ] {
        assert!(
            help.contains(name),
            "a new user learns about {name} from --help"
        );
    }
}
