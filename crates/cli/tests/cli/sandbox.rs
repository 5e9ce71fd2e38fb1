//! `crispdesk sandbox` as a process: one JSON line saying how to reach it, every operation working against it
//! with the printed token, a clean stop on SIGTERM or SIGINT, and `--background` / `--env-file` for scripts.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::process::{Child, Command as StdCommand, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;
use serde_json::{json, Value};

use crate::bare_crispdesk;

/// A running `crispdesk sandbox`, killed if the test ends without stopping it.
struct SandboxProcess {
    child: Child,
    info: Value,
}

impl SandboxProcess {
    fn start(args: &[&str]) -> Self {
        Self::start_with_stdin(args, None)
    }

    /// Starts the sandbox with `stdin` written to its stdin (closed without).
    fn start_with_stdin(args: &[&str], stdin: Option<&str>) -> Self {
        let mut child = StdCommand::new(cargo_bin!("crispdesk"))
            .args(["sandbox", "--listen", "127.0.0.1:0"])
            .args(args)
            .env_remove("CRISP_KEY")
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("crispdesk sandbox starts");
        if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
            pipe.write_all(text.as_bytes())
                .expect("the sandbox reads its stdin");
        }
        let stdout = child.stdout.take().expect("piped stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the sandbox prints a line");
        let info: Value = serde_json::from_str(&line).expect("the line is one JSON object");
        SandboxProcess { child, info }
    }

    fn field(&self, name: &str) -> &str {
        field(&self.info, name)
    }

    /// Runs `crispdesk` with the printed token in its environment.
    fn run(&self, words: &[&str], input: &Value) -> Value {
        run(&self.info, words, input)
    }

    fn signal(mut self, name: &str) -> ExitStatus {
        let status = StdCommand::new("kill")
            .args([format!("-{name}"), self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "the signal is delivered");
        self.child.wait().expect("the sandbox exits")
    }
}

/// The string `name` of a sandbox's JSON line.
fn field<'a>(info: &'a Value, name: &str) -> &'a str {
    info[name]
        .as_str()
        .unwrap_or_else(|| panic!("the line has a string {name}: {info}"))
}

/// Runs `crispdesk` with the token of the sandbox line `info` in its environment.
fn run(info: &Value, words: &[&str], input: &Value) -> Value {
    let output = bare_crispdesk()
        .env("CRISP_IDENTIFIER", field(info, "identifier"))
        .env("CRISP_KEY", field(info, "key"))
        .env("CRISP_TIER", field(info, "tier"))
        .env("CRISP_WEBSITE_ID", field(info, "website_id"))
        .env("CRISP_API_BASE", field(info, "base_url"))
        .args(words)
        .args(["--json", "-"])
        .write_stdin(input.to_string())
        .output()
        .expect("crispdesk runs");
    assert!(
        output.status.success(),
        "`{}` works against the sandbox with the printed token: {}",
        words.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

/// A sandbox running in the background by its process ID, not our child: sent SIGKILL if the test ends while it
/// still runs.
pub struct Detached(pub u32);

impl Detached {
    /// Whether the process still runs (a zombie waiting for init to reap it has stopped).
    pub fn is_running(&self) -> bool {
        std::fs::read_to_string(format!("/proc/{}/stat", self.0))
            .ok()
            .and_then(|stat| {
                let state = stat.rsplit_once(") ")?.1.chars().next()?;
                Some(state != 'Z' && state != 'X')
            })
            .unwrap_or(false)
    }

    /// Waits up to `limit` for the process to stop; whether it did.
    pub fn stops_within(&self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while self.is_running() {
            if Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        true
    }

    fn signal(&self, name: &str) {
        let _ = StdCommand::new("kill")
            .args([format!("-{name}"), self.0.to_string()])
            .status();
    }
}

impl Drop for Detached {
    fn drop(&mut self) {
        if self.is_running() {
            self.signal("KILL");
        }
    }
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[test]
fn sandbox_prints_how_to_reach_it_and_stops_cleanly_on_sigterm() {
    let sandbox = SandboxProcess::start(&[]);
    for field in ["base_url", "identifier", "key", "website_id", "tier"] {
        assert!(!sandbox.field(field).is_empty(), "the line names {field}");
    }
    assert!(
        sandbox.field("base_url").starts_with("http://127.0.0.1:"),
        "the sandbox listens on loopback"
    );
    assert_eq!(sandbox.field("tier"), "user", "the default tier is user");
    let operators = sandbox.run(&["operators", "list"], &json!({}));
    assert!(
        operators.as_array().is_some_and(|list| !list.is_empty()),
        "the sandbox has operators: {operators}"
    );
    let status = sandbox.signal("TERM");
    assert!(
        status.success(),
        "SIGTERM is a clean shutdown, not a crash: {status:?}"
    );
}

#[test]
fn sandbox_takes_the_given_token_and_stops_cleanly_on_sigint() {
    let sandbox = SandboxProcess::start_with_stdin(
        &[
            "--identifier",
            "my-identifier",
            "--key-stdin",
            "--website-id",
            "8c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e",
            "--tier",
            "plugin",
        ],
        Some("my-key\n"),
    );
    assert_eq!(
        sandbox.field("identifier"),
        "my-identifier",
        "the given identifier is used"
    );
    assert_eq!(
        sandbox.field("key"),
        "my-key",
        "the key on stdin's first line is used"
    );
    assert_eq!(
        sandbox.field("website_id"),
        "8c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e",
        "the given website is used"
    );
    assert_eq!(sandbox.field("tier"), "plugin", "the given tier is used");
    let website = sandbox.run(&["websites", "get"], &json!({}));
    assert_eq!(
        website["website_id"],
        json!("8c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e"),
        "the seeded website is there"
    );

    let output = bare_crispdesk()
        .env("CRISP_IDENTIFIER", "my-identifier")
        .env("CRISP_KEY", "not-my-key")
        .env("CRISP_TIER", "plugin")
        .env("CRISP_WEBSITE_ID", sandbox.field("website_id"))
        .env("CRISP_API_BASE", sandbox.field("base_url"))
        .args(["websites", "get"])
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(1),
        "a wrong key is refused by the sandbox"
    );
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("(HTTP 401)"),
        "the refusal is a 401"
    );
    let status = sandbox.signal("INT");
    assert!(status.success(), "SIGINT is a clean shutdown: {status:?}");
}

#[test]
fn every_operation_works_against_the_sandbox_with_the_printed_token() {
    let sandbox = SandboxProcess::start(&["--conversations", "120", "--people", "60"]);

    let created = sandbox.run(&["conversations", "create"], &json!({}));
    let session = created["session_id"]
        .as_str()
        .expect("a new session_id")
        .to_owned();
    let sent = sandbox.run(
        &["messages", "send"],
        &json!({ "session_id": session, "body": { "type": "text", "from": "operator", "origin": "chat", "content": "Hi" } }),
    );
    let fingerprint = sent["fingerprint"]
        .as_u64()
        .expect("the sent message's fingerprint");
    let messages = sandbox.run(&["messages", "list"], &json!({ "session_id": session }));
    assert!(
        messages
            .as_array()
            .is_some_and(|list| list.iter().any(|m| m["fingerprint"] == json!(fingerprint))),
        "the sent message is listed: {messages}"
    );
    let message = sandbox.run(
        &["messages", "get"],
        &json!({ "session_id": session, "fingerprint": fingerprint }),
    );
    assert_eq!(message["content"], json!("Hi"), "the message reads back");
    sandbox.run(
        &["messages", "update"],
        &json!({ "session_id": session, "fingerprint": fingerprint, "body": { "content": "Hello" } }),
    );
    sandbox.run(
        &["conversations", "state"],
        &json!({ "session_id": session, "body": { "state": "resolved" } }),
    );
    sandbox.run(
        &["conversations", "update-meta"],
        &json!({ "session_id": session, "body": { "nickname": "Ana" } }),
    );
    let meta = sandbox.run(
        &["conversations", "meta"],
        &json!({ "session_id": session }),
    );
    assert_eq!(meta["nickname"], json!("Ana"), "the meta update reads back");
    sandbox.run(
        &["conversations", "read"],
        &json!({ "session_id": session, "body": { "from": "operator", "origin": "chat" } }),
    );
    let conversation = sandbox.run(&["conversations", "get"], &json!({ "session_id": session }));
    assert_eq!(
        conversation["state"],
        json!("resolved"),
        "the state change reads back"
    );
    let page = sandbox.run(&["conversations", "search"], &json!({ "per_page": 20 }));
    assert_eq!(
        page.as_array().map(Vec::len),
        Some(20),
        "one page of 20 conversations"
    );
    let many = sandbox.run(
        &["conversations", "search"],
        &json!({ "per_page": 50, "limit": 110 }),
    );
    assert_eq!(
        many.as_array().map(Vec::len),
        Some(110),
        "limit pages through 3 pages and stops at 110"
    );
    let history = sandbox.run(
        &["messages", "list"],
        &json!({ "session_id": session, "limit": 1000 }),
    );
    assert!(
        history.as_array().is_some_and(|list| !list.is_empty()),
        "the history is walked: {history}"
    );
    sandbox.run(
        &["conversations", "remove"],
        &json!({ "session_id": session }),
    );

    let added = sandbox.run(
        &["people", "add"],
        &json!({ "body": { "email": "ana@example.com", "person": { "nickname": "Ana Costa" } } }),
    );
    let people_id = added["people_id"]
        .as_str()
        .expect("a new people_id")
        .to_owned();
    sandbox.run(
        &["people", "update"],
        &json!({ "people_id": people_id, "body": { "notepad": "VIP" } }),
    );
    let profile = sandbox.run(&["people", "get"], &json!({ "people_id": people_id }));
    assert_eq!(
        profile["notepad"],
        json!("VIP"),
        "the profile update reads back"
    );
    let profiles = sandbox.run(&["people", "list"], &json!({ "per_page": 50, "limit": 55 }));
    assert_eq!(
        profiles.as_array().map(Vec::len),
        Some(55),
        "limit pages through profiles"
    );
    sandbox.run(&["people", "remove"], &json!({ "people_id": people_id }));

    let count = sandbox.run(&["visitors", "count"], &json!({}));
    assert!(count["count"].is_u64(), "visitors are counted: {count}");
    let visitors = sandbox.run(&["visitors", "list"], &json!({}));
    assert!(visitors.is_array(), "visitors are listed: {visitors}");

    let website = sandbox.run(&["websites", "get"], &json!({}));
    let domain = website["domain"]
        .as_str()
        .expect("the seeded website has a domain")
        .to_owned();
    assert_eq!(
        sandbox.run(&["websites", "exists"], &json!({ "domain": domain })),
        json!({ "exists": true })
    );
    assert_eq!(
        sandbox.run(
            &["websites", "exists"],
            &json!({ "domain": "nowhere.invalid" })
        ),
        json!({ "exists": false }),
        "an unknown domain does not exist"
    );
    let new_site = sandbox.run(
        &["websites", "create"],
        &json!({ "body": { "name": "Second", "domain": "second.example" } }),
    );
    let new_id = new_site["website_id"]
        .as_str()
        .expect("a new website_id")
        .to_owned();
    sandbox.run(
        &["websites", "delete"],
        &json!({ "website_id": new_id, "body": { "verify": { "method": "password", "secret": "correct horse battery staple" } } }),
    );
    let operators = sandbox.run(&["operators", "list"], &json!({}));
    assert!(operators.is_array(), "operators are listed: {operators}");
    let raw = sandbox.run(
        &["raw"],
        &json!({ "method": "GET", "path": format!("/v1/website/{}/visitors/count", sandbox.field("website_id")) }),
    );
    assert_eq!(raw["count"], count["count"], "raw reaches the same route");
}

#[test]
fn the_sandbox_refuses_a_key_flag_too() {
    let output = bare_crispdesk()
        .args(["sandbox", "--key", "my-sandbox-key-value"])
        .timeout(Duration::from_secs(30))
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(2),
        "one rule for every crispdesk command: no key is typed as a flag"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--key-stdin") && !stderr.contains("my-sandbox-key-value"),
        "the refusal points to --key-stdin without repeating the value: {stderr}"
    );
    assert!(
        output.stdout.is_empty(),
        "no sandbox started: nothing on stdout"
    );
}

#[test]
fn background_prints_the_line_with_its_pid_and_returns_while_the_sandbox_keeps_serving() {
    // `output()` waits for the end of stdout and stderr: it returns only if the detached sandbox kept neither.
    let output = bare_crispdesk()
        .args([
            "sandbox",
            "--background",
            "--listen",
            "127.0.0.1:0",
            "--key-stdin",
        ])
        .write_stdin("a-key-through-a-pipe\n")
        .timeout(Duration::from_secs(60))
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let info: Value = serde_json::from_str(stdout.lines().next().unwrap_or_default())
        .unwrap_or_else(|_| panic!("the first line is the JSON line: {stdout}"));
    let pid = info["pid"].as_u64().expect("the line has the pid") as u32;
    let sandbox = Detached(pid);
    assert!(
        output.status.success(),
        "--background returns once the sandbox serves: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        stdout.lines().count(),
        1,
        "stdout is the one JSON line: {stdout}"
    );
    assert!(
        sandbox.is_running(),
        "the sandbox outlives the command that started it"
    );
    assert_eq!(
        field(&info, "key"),
        "a-key-through-a-pipe",
        "the key on stdin reaches the detached sandbox"
    );
    let operators = run(&info, &["operators", "list"], &json!({}));
    assert!(
        operators.as_array().is_some_and(|list| !list.is_empty()),
        "the detached sandbox answers with the printed token: {operators}"
    );
    let command_line = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    assert!(
        !String::from_utf8_lossy(&command_line).contains("a-key-through-a-pipe"),
        "the key is not in the detached process's arguments"
    );
    sandbox.signal("TERM");
    assert!(
        sandbox.stops_within(Duration::from_secs(10)),
        "`kill PID` stops the detached sandbox"
    );
}

#[test]
fn a_sandbox_that_cannot_start_in_the_background_says_why() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let address = taken.local_addr().expect("its address").to_string();
    let output = bare_crispdesk()
        .args(["sandbox", "--background", "--listen", &address])
        .timeout(Duration::from_secs(60))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1), "no sandbox, no success");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("stopped before serving") && stderr.contains("could not start the sandbox"),
        "the detached process's own reason is passed on: {stderr}"
    );
}

#[test]
fn the_env_file_holds_export_lines_a_shell_can_source_readable_by_the_owner_only() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("sandbox.env");
    std::fs::write(&path, "stale").expect("an older file");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("mode set");
    let path_text = path.to_str().expect("a UTF-8 path");
    let sandbox = SandboxProcess::start(&["--env-file", path_text]);
    let mode = std::fs::metadata(&path)
        .expect("the file is written")
        .permissions()
        .mode();
    assert_eq!(
        mode & 0o777,
        0o600,
        "the file holds the key: only its owner may read it, even when it existed before"
    );
    let output = StdCommand::new("bash")
        .arg("-c")
        .arg(format!(
            "source {path_text} && printf '%s\\n' \"$CRISP_API_BASE\" \"$CRISP_IDENTIFIER\" \"$CRISP_KEY\" \
             \"$CRISP_WEBSITE_ID\" \"$CRISP_TIER\" \"$CRISP_SANDBOX_PID\""
        ))
        .env_clear()
        .output()
        .expect("bash runs");
    assert!(output.status.success(), "the file can be sourced");
    let sourced = String::from_utf8_lossy(&output.stdout);
    let expected = format!(
        "{}\n{}\n{}\n{}\n{}\n{}\n",
        sandbox.field("base_url"),
        sandbox.field("identifier"),
        sandbox.field("key"),
        sandbox.field("website_id"),
        sandbox.field("tier"),
        sandbox.child.id()
    );
    assert_eq!(
        sourced, expected,
        "sourcing the file sets the values of the JSON line and the PID that serves"
    );
    assert_eq!(
        sandbox.info["pid"],
        json!(sandbox.child.id()),
        "the JSON line names the process that serves"
    );
    let status = sandbox.signal("TERM");
    assert!(status.success(), "the sandbox stops cleanly: {status:?}");
}

#[test]
fn conversations_assign_and_batch_resolve_change_the_sandbox() {
    let sandbox = SandboxProcess::start(&["--conversations", "0", "--people", "0"]);
    let sessions: Vec<String> = (0..3)
        .map(|_| {
            sandbox.run(&["conversations", "create"], &json!({}))["session_id"]
                .as_str()
                .expect("a new session_id")
                .to_owned()
        })
        .collect();
    let operators = sandbox.run(&["operators", "list"], &json!({}));
    let user_id = operators[0]["details"]["user_id"].clone();

    sandbox.run(
        &["conversations", "assign"],
        &json!({ "session_id": sessions[0], "body": { "assigned": { "user_id": user_id } } }),
    );
    assert_eq!(
        sandbox.run(
            &["conversations", "get-routing"],
            &json!({ "session_id": sessions[0] })
        ),
        json!({ "assigned": { "user_id": user_id } }),
        "the assignee reads back"
    );

    sandbox.run(
        &["conversations", "batch", "resolve"],
        &json!({ "body": { "sessions": sessions[..2] } }),
    );
    let states: Vec<Value> = sessions
        .iter()
        .map(|session| {
            sandbox.run(&["conversations", "get"], &json!({ "session_id": session }))["state"]
                .clone()
        })
        .collect();
    assert_eq!(
        &states[..2],
        [json!("resolved"), json!("resolved")],
        "the two named are resolved"
    );
    assert_ne!(states[2], json!("resolved"), "the third is untouched");

    sandbox.run(
        &["conversations", "batch", "assign"],
        &json!({ "body": { "sessions": sessions, "assigned": null } }),
    );
    assert_eq!(
        sandbox.run(
            &["conversations", "get-routing"],
            &json!({ "session_id": sessions[0] })
        ),
        json!({}),
        "batch assign with null unassigns"
    );
}
