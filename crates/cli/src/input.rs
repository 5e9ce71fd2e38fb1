//! The input object: read from `--json` (a literal or `-` for stdin), checked to be one JSON object.

use std::io::Read;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::failure::Failure;

/// The input object of one call, with Crisp's own field names.
pub type Input = Map<String, Value>;

/// Reads the input named by `--json`: absent means `{}`, `-` reads all of `stdin`, anything else is the JSON itself.
pub fn read(json: Option<&str>, stdin: impl Read) -> Result<Input, Failure> {
    let text = match json {
        None => return Ok(Input::new()),
        Some("-") => read_all(stdin)?,
        Some(literal) => literal.to_owned(),
    };
    let value: Value = serde_json::from_str(&text)
        .map_err(|error| Failure::input("--json", format!("not valid JSON: {error}")))?;
    match value {
        Value::Object(object) => Ok(object),
        other => Err(Failure::input(
            "--json",
            format!("expected one JSON object, got {}", kind(&other)),
        )),
    }
}

fn read_all(mut stdin: impl Read) -> Result<String, Failure> {
    let mut text = String::new();
    stdin
        .read_to_string(&mut text)
        .map_err(|error| Failure::input("--json", format!("could not read stdin: {error}")))?;
    Ok(text)
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Puts `website_id` into the input when it lacks one; the input's own value wins.
pub fn fill_website_id(input: &mut Input, website_id: Option<&str>) -> Result<(), Failure> {
    if input.contains_key("website_id") {
        return Ok(());
    }
    match website_id {
        Some(id) if !id.is_empty() => {
            input.insert("website_id".to_owned(), Value::String(id.to_owned()));
            Ok(())
        }
        _ => Err(Failure::input(
            "website_id",
            "missing: put \"website_id\" in the input, set CRISP_WEBSITE_ID or pass --website-id",
        )),
    }
}

/// Turns the input into a typed request; a mismatch names the field's path (`body.content`).
pub fn decode<T: DeserializeOwned>(input: Input) -> Result<T, Failure> {
    serde_path_to_error::deserialize(Value::Object(input)).map_err(|error| {
        let path = error.path().to_string();
        let field = if path == "." {
            "input".to_owned()
        } else {
            path
        };
        Failure::input(field, error.into_inner().to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[test]
    fn a_dash_reads_the_object_from_stdin() {
        let input =
            read(Some("-"), &b"{\"session_id\": \"s\"}"[..]).expect("stdin holds an object");
        assert_eq!(
            input.get("session_id"),
            Some(&json!("s")),
            "stdin is the input"
        );
    }

    #[test]
    fn a_literal_is_the_object_itself_and_absence_is_empty() {
        let input = read(Some("{\"page\": 2}"), &b""[..]).expect("the literal is an object");
        assert_eq!(
            input.get("page"),
            Some(&json!(2)),
            "the literal is the input"
        );
        assert!(
            read(None, &b"ignored"[..])
                .expect("no input is fine")
                .is_empty(),
            "no --json means {{}}"
        );
    }

    #[test]
    fn anything_but_one_object_is_refused_as_bad_input() {
        for text in ["[1]", "{\"a\":1} {\"b\":2}", "{", "\"x\""] {
            let failure = read(Some(text), &b""[..]).expect_err("only one object is an input");
            assert_eq!(failure.exit_code(), 2, "{text} is bad input");
        }
    }

    #[test]
    fn the_website_id_of_the_input_wins_over_the_environment() {
        let mut input = read(Some("{\"website_id\": \"mine\"}"), &b""[..]).expect("object");
        fill_website_id(&mut input, Some("env")).expect("present");
        assert_eq!(
            input.get("website_id"),
            Some(&json!("mine")),
            "the input names its website"
        );
        let mut empty = Input::new();
        fill_website_id(&mut empty, Some("env")).expect("filled");
        assert_eq!(
            empty.get("website_id"),
            Some(&json!("env")),
            "the environment fills the gap"
        );
        let failure = fill_website_id(&mut Input::new(), None).expect_err("no website anywhere");
        assert!(
            failure.to_string().contains("website_id"),
            "the missing field is named: {failure}"
        );
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Probe {
        body: ProbeBody,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct ProbeBody {
        count: u32,
    }

    #[test]
    fn a_decoding_failure_names_the_path_of_the_field() {
        let input = read(Some("{\"body\": {\"count\": \"many\"}}"), &b""[..]).expect("object");
        let failure = decode::<Probe>(input).expect_err("a string is not a count");
        assert!(
            failure.to_string().contains("body.count"),
            "the field path is named: {failure}"
        );
        let input = read(Some("{\"bdy\": {}}"), &b""[..]).expect("object");
        let failure = decode::<Probe>(input).expect_err("a typo is refused");
        assert!(
            failure.to_string().contains("bdy"),
            "the unknown field is named: {failure}"
        );
    }
}
