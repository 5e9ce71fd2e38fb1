//! The key never goes on the command line: it comes from `CRISP_KEY` or, with `--key-stdin`, from the first line
//! of stdin; a `--key` flag is refused before anything is sent, without repeating its value.

use serde_json::json;

use crate::recorder::{Recorder, Reply};
use crate::{bare_crispdesk, crispdesk, AUTHORIZATION, IDENTIFIER, KEY, WEBSITE};

#[test]
fn a_key_flag_is_refused_pointing_to_crisp_key_and_key_stdin_and_sends_nothing() {
    let recorder = Recorder::start();
    for flag in [
        vec!["--key", KEY],
        vec!["--key=hunter2-typed-key"],
        vec!["--key"],
    ] {
        let output = crispdesk(recorder.base_url())
            .args(["operators", "list"])
            .args(&flag)
            .output()
            .expect("runs");
        assert_eq!(
            output.status.code(),
            Some(2),
            "{flag:?} is bad input: a key typed as a flag stays in the shell's history"
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("CRISP_KEY") && stderr.contains("--key-stdin"),
            "the refusal says where the key goes instead: {stderr}"
        );
        assert!(
            !stderr.contains(KEY) && !stderr.contains("hunter2"),
            "the refused value is not repeated: {stderr}"
        );
    }
    assert!(
        recorder.requests().is_empty(),
        "nothing is sent with a refused flag, not even with CRISP_KEY set"
    );
}

#[test]
fn key_stdin_reads_the_key_from_the_first_line_of_stdin() {
    let recorder = Recorder::start();
    recorder.reply(Reply::data(json!([])));
    let output = bare_crispdesk()
        .env("CRISP_IDENTIFIER", IDENTIFIER)
        .env("CRISP_WEBSITE_ID", WEBSITE)
        .env("CRISP_API_BASE", recorder.base_url())
        .args(["operators", "list", "--key-stdin", "--json", "{}"])
        .write_stdin(format!("{KEY}\n"))
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "a key on stdin is enough without CRISP_KEY: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        recorder.only_request().header("authorization"),
        Some(AUTHORIZATION),
        "the first line of stdin, without its newline, is the key sent"
    );
}

#[test]
fn key_stdin_wins_over_crisp_key() {
    let recorder = Recorder::start();
    recorder.reply(Reply::data(json!([])));
    let output = crispdesk(recorder.base_url())
        .env("CRISP_KEY", "a-stale-key-from-the-environment")
        .args(["operators", "list", "--key-stdin"])
        .write_stdin(format!("{KEY}\r\n"))
        .output()
        .expect("runs");
    assert!(output.status.success(), "the call goes through");
    assert_eq!(
        recorder.only_request().header("authorization"),
        Some(AUTHORIZATION),
        "the flag asks for stdin, so stdin's key is used (and a CRLF ending is not part of it)"
    );
}

#[test]
fn key_stdin_with_the_input_on_stdin_too_is_refused() {
    let recorder = Recorder::start();
    let output = crispdesk(recorder.base_url())
        .args(["operators", "list", "--key-stdin", "--json", "-"])
        .write_stdin(format!("{KEY}\n{{}}"))
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(2),
        "stdin cannot hold both the key and the input"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--key-stdin") && stderr.contains("--json -"),
        "both flags are named: {stderr}"
    );
    assert!(
        stderr.contains("--json '{...}'") && stderr.contains("CRISP_KEY"),
        "and the two ways out: {stderr}"
    );
    assert!(!stderr.contains(KEY), "the key is not echoed: {stderr}");
    assert!(recorder.requests().is_empty(), "nothing is sent");
}

#[test]
fn an_empty_key_line_is_bad_input() {
    let recorder = Recorder::start();
    let output = bare_crispdesk()
        .env("CRISP_IDENTIFIER", IDENTIFIER)
        .env("CRISP_WEBSITE_ID", WEBSITE)
        .env("CRISP_API_BASE", recorder.base_url())
        .args(["operators", "list", "--key-stdin"])
        .write_stdin("\n")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2), "no key is bad input");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("first line of stdin is empty"),
        "the message says where the key was looked for"
    );
    assert!(
        recorder.requests().is_empty(),
        "nothing is sent without a key"
    );
}

#[test]
fn the_help_offers_key_stdin_and_no_key_flag() {
    for words in [
        &["operators", "list", "--help"][..],
        &["sandbox", "--help"][..],
    ] {
        let output = bare_crispdesk().args(words).output().expect("runs");
        let help = String::from_utf8_lossy(&output.stdout);
        assert!(
            help.contains("--key-stdin"),
            "`{}` offers --key-stdin: {help}",
            words.join(" ")
        );
        assert!(
            !help.contains("--key <"),
            "`{}` offers no flag that takes a key: {help}",
            words.join(" ")
        );
    }
}
