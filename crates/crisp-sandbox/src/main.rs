//! `crisp-sandbox`: runs the local Crisp until interrupted, after printing how to reach it as one JSON line.
//!
//! Flags: `--listen ADDR`, `--identifier ID`, `--key-stdin` (the key on stdin's first line), `--website-id ID`,
//! `--tier user|plugin|website`, `--live`, `--conversations N`, `--people N`, `--seed N`. `--key KEY` is refused,
//! as by `crispdesk`: no key is typed as a flag, where it would stay in the shell's history.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use crisp_sandbox::{SandboxConfig, Tier};

fn parse(args: impl Iterator<Item = String>, stdin: impl BufRead) -> Result<SandboxConfig, String> {
    let mut config = SandboxConfig::default();
    let mut args = args.peekable();
    let mut stdin = Some(stdin);
    while let Some(flag) = args.next() {
        if flag == "--live" {
            config.live = true;
            continue;
        }
        if flag == "--key" || flag.starts_with("--key=") {
            return Err("--key is refused: a key typed as a flag stays in the shell's history; pass \
                        --key-stdin and write the key as the first line of stdin (without, the key is random)"
                .to_owned());
        }
        if flag == "--key-stdin" {
            let mut line = String::new();
            if let Some(mut stdin) = stdin.take() {
                stdin
                    .read_line(&mut line)
                    .map_err(|error| format!("--key-stdin could not read stdin: {error}"))?;
            }
            let key = line.trim_end_matches(['\n', '\r']);
            if key.is_empty() {
                return Err("--key-stdin found no key on the first line of stdin".to_owned());
            }
            config.key = Some(key.to_owned());
            continue;
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = |value: &str| {
            value
                .parse::<u64>()
                .map_err(|_| format!("{flag} needs a number, not {value:?}"))
        };
        match flag.as_str() {
            "--listen" => {
                config.listen = value.parse().map_err(|_| {
                    format!("--listen needs an address like 127.0.0.1:0, not {value:?}")
                })?
            }
            "--identifier" => config.identifier = Some(value),
            "--website-id" => config.website_id = Some(value),
            "--tier" => config.tier = value.parse::<Tier>().map_err(|error| error.to_string())?,
            "--conversations" => config.conversations = number(&value)? as usize,
            "--people" => config.people = number(&value)? as usize,
            "--seed" => config.seed = number(&value)?,
            other => return Err(format!("unknown flag {other}")),
        }
    }
    Ok(config)
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let config = match parse(std::env::args().skip(1), std::io::stdin().lock()) {
        Ok(config) => config,
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "crisp-sandbox: {message}");
            return ExitCode::from(2);
        }
    };
    let sandbox = match crisp_sandbox::spawn(config).await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "crisp-sandbox: {error}");
            return ExitCode::FAILURE;
        }
    };
    let line = serde_json::to_string(&sandbox.info()).unwrap_or_default();
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
        return ExitCode::FAILURE;
    }
    drop(out);
    let _ = tokio::signal::ctrl_c().await;
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::parse;
    use crisp_sandbox::Tier;

    fn args(line: &str) -> impl Iterator<Item = String> + '_ {
        line.split_whitespace().map(str::to_owned)
    }

    #[test]
    fn flags_fill_the_configuration() {
        let config = parse(
            args("--listen 127.0.0.1:4100 --tier plugin --live --conversations 1000 --people 30 --seed 9 --key-stdin"),
            &b"k\nrest"[..],
        )
        .expect("valid flags parse");
        assert_eq!(config.listen.port(), 4100, "--listen sets the address");
        assert_eq!(config.tier, Tier::Plugin, "--tier sets the tier");
        assert!(config.live, "--live takes no value");
        assert_eq!(
            (config.conversations, config.people, config.seed),
            (1000, 30, 9),
            "sizes and seed"
        );
        assert_eq!(
            config.key.as_deref(),
            Some("k"),
            "--key-stdin takes the key from stdin's first line"
        );
        assert_eq!(config.identifier, None, "unset credentials stay random");
    }

    #[test]
    fn unknown_flags_and_bad_values_are_refused_by_name() {
        let unknown =
            parse(args("--colour blue"), &b""[..]).expect_err("an unknown flag is refused");
        assert!(unknown.contains("--colour"), "the flag is named: {unknown}");
        let tier = parse(args("--tier admin"), &b""[..]).expect_err("an unknown tier is refused");
        assert!(tier.contains("admin"), "the value is named: {tier}");
        let missing =
            parse(args("--seed"), &b""[..]).expect_err("a flag without its value is refused");
        assert!(missing.contains("--seed"), "the flag is named: {missing}");
        let empty =
            parse(args("--key-stdin"), &b"\n"[..]).expect_err("an empty key line is refused");
        assert!(
            empty.contains("first line"),
            "where the key was looked for: {empty}"
        );
    }

    #[test]
    fn a_key_flag_is_refused_without_repeating_it() {
        for line in ["--key my-secret", "--key=my-secret"] {
            let refused = parse(args(line), &b""[..]).expect_err("a key flag is refused");
            assert!(
                refused.contains("--key-stdin") && !refused.contains("my-secret"),
                "the refusal points to --key-stdin without the value: {refused}"
            );
        }
    }
}
