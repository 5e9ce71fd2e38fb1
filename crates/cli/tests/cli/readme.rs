//! The README's CLI example, run as written with bash: it ends, prints conversations, and stops its sandbox.

use std::fs::File;
use std::os::unix::process::CommandExt;
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;
use serde_json::Value;

use crate::sandbox::Detached;

/// Long enough for a slow machine; the example takes well under a second.
const LIMIT: Duration = Duration::from_secs(60);

/// The first ```bash block of the README's `## The CLI` section.
fn readme_example() -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
        .expect("the README is readable");
    let section = readme
        .split("\n## The CLI\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the README has a `## The CLI` section");
    section
        .split("```bash\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the CLI section has a bash block")
        .to_owned()
}

#[test]
fn the_readme_cli_example_ends_prints_conversations_and_stops_its_sandbox() {
    let example = readme_example();
    assert!(
        example.starts_with("cargo build -p crispdesk-cli\n"),
        "the example builds crispdesk first, then uses target/debug/crispdesk:\n{example}"
    );
    // The example runs as written from a folder whose target/debug/crispdesk is the binary under test; its
    // build step is checked (this test's build already made the binary), not run again.
    let folder = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir_all(folder.path().join("target/debug")).expect("target/debug");
    std::os::unix::fs::symlink(
        cargo_bin!("crispdesk"),
        folder.path().join("target/debug/crispdesk"),
    )
    .expect("the binary is linked in");
    let script = format!(
        "set -eo pipefail\n\
         cargo() {{ [ \"$*\" = 'build -p crispdesk-cli' ] || {{ echo \"unexpected: cargo $*\" >&2; return 1; }}; }}\n\
         {example}"
    );
    // Files, not pipes: a process that kept them open could not make reading them hang.
    let stdout_path = folder.path().join("stdout");
    let stderr_path = folder.path().join("stderr");
    let mut bash = StdCommand::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(folder.path())
        .env_remove("CRISP_IDENTIFIER")
        .env_remove("CRISP_KEY")
        .env_remove("CRISP_TIER")
        .env_remove("CRISP_WEBSITE_ID")
        .env_remove("CRISP_API_BASE")
        .env_remove("CRISPDESK_LOG")
        .stdin(Stdio::null())
        .stdout(File::create(&stdout_path).expect("a stdout file"))
        .stderr(File::create(&stderr_path).expect("a stderr file"))
        .process_group(0)
        .spawn()
        .expect("bash runs");
    let deadline = Instant::now() + LIMIT;
    let status = loop {
        if let Some(status) = bash.try_wait().expect("bash can be waited for") {
            break Some(status);
        }
        if Instant::now() > deadline {
            // The whole group: a foreground sandbox started by an old example dies with it.
            let _ = StdCommand::new("kill")
                .args(["-s", "KILL", "--", &format!("-{}", bash.id())])
                .status();
            let _ = bash.kill();
            let _ = bash.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = std::fs::read_to_string(&stdout_path).unwrap_or_default();
    let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    let lines: Vec<Value> = stdout
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect();
    // Whatever happens below, the sandbox the example started does not outlive the test.
    let sandbox = lines
        .iter()
        .find_map(|line| line["pid"].as_u64())
        .map(|pid| Detached(pid as u32));

    let status = status.unwrap_or_else(|| {
        panic!("the README's CLI example must end, not wait on the sandbox; it printed:\n{stdout}\n{stderr}")
    });
    assert!(
        status.success(),
        "the README's CLI example runs without error ({status}):\n{stdout}\n{stderr}"
    );
    let conversations = lines
        .iter()
        .find_map(Value::as_array)
        .unwrap_or_else(|| panic!("the example prints a list of conversations:\n{stdout}"));
    assert!(
        !conversations.is_empty()
            && conversations
                .iter()
                .all(|conversation| conversation["session_id"].is_string()),
        "the list holds the sandbox's unread conversations: {stdout}"
    );
    let sandbox =
        sandbox.unwrap_or_else(|| panic!("the example prints the sandbox's pid:\n{stdout}"));
    assert!(
        sandbox.stops_within(Duration::from_secs(10)),
        "the example's last line stops the sandbox it started"
    );
}
