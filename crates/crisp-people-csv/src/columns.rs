//! The CSV columns: every profile field flattened to a dotted contract path, with how its cells are written and
//! read.
//!
//! - Text fields hold the text as is. Numbers hold their JSON spelling (`38.72`, `-60`).
//! - Lists of strings (`segments`, `person.locales`, `company.phones`, `company.emails`, `company.tags`) hold a
//!   JSON array (`["customer","vip"]`, `[]` for an empty list); on import `a; b` is read as `["a","b"]` too.
//! - `person.profiles` holds its JSON array of `{type, handle, url}` objects.
//! - `active.last` is written back as the profile's `active` (a timestamp on writes); `active.now`, `people_id`,
//!   `score`, `created_at` and `updated_at` are read-only: exported, ignored on import.
//! - An empty cell is an absent field (an empty string and an absent field are not told apart); on an update
//!   it leaves the field as it is.
//! - A text cell a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage
//!   return) is written behind a `'`, as OWASP's "CSV injection" advice says: `'=HYPERLINK(...)`,
//!   `'+33 6 12 34 56 78`. Import takes that `'` off again, so every value comes back exactly; see [`guard`].
//!   Number columns hold JSON numbers, which no spreadsheet runs, and are written as they are (`-60`).

use serde_json::{Map, Value};

/// How a column's cells are written and read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text.
    Text,
    /// A whole number (minute offsets, timestamps).
    Integer,
    /// A whole number that cannot be negative (company metrics).
    Count,
    /// A decimal number (coordinates).
    Decimal,
    /// A boolean.
    Flag,
    /// A JSON array of strings.
    List,
    /// JSON (social profiles).
    Json,
}

/// One CSV column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The header: the field's dotted path in the read profile.
    pub name: &'static str,
    /// How cells are written and read.
    pub kind: Kind,
    /// Where the value goes on writes (`None` for read-only columns).
    pub write_path: Option<&'static str>,
}

const fn writable(name: &'static str, kind: Kind) -> Column {
    Column {
        name,
        kind,
        write_path: Some(name),
    }
}

const fn read_only(name: &'static str, kind: Kind) -> Column {
    Column {
        name,
        kind,
        write_path: None,
    }
}

/// Every column, in file order.
pub const COLUMNS: &[Column] = &[
    read_only("people_id", Kind::Text),
    writable("email", Kind::Text),
    writable("person.nickname", Kind::Text),
    writable("person.avatar", Kind::Text),
    writable("person.gender", Kind::Text),
    writable("person.phone", Kind::Text),
    writable("person.address", Kind::Text),
    writable("person.description", Kind::Text),
    writable("person.website", Kind::Text),
    writable("person.timezone", Kind::Integer),
    writable("person.locales", Kind::List),
    writable("person.profiles", Kind::Json),
    writable("person.employment.name", Kind::Text),
    writable("person.employment.domain", Kind::Text),
    writable("person.employment.title", Kind::Text),
    writable("person.employment.role", Kind::Text),
    writable("person.employment.seniority", Kind::Text),
    writable("person.geolocation.country", Kind::Text),
    writable("person.geolocation.region", Kind::Text),
    writable("person.geolocation.city", Kind::Text),
    writable("person.geolocation.coordinates.latitude", Kind::Decimal),
    writable("person.geolocation.coordinates.longitude", Kind::Decimal),
    writable("company.name", Kind::Text),
    writable("company.legal_name", Kind::Text),
    writable("company.domain", Kind::Text),
    writable("company.url", Kind::Text),
    writable("company.description", Kind::Text),
    writable("company.timezone", Kind::Integer),
    writable("company.phones", Kind::List),
    writable("company.emails", Kind::List),
    writable("company.tags", Kind::List),
    writable("company.geolocation.country", Kind::Text),
    writable("company.geolocation.region", Kind::Text),
    writable("company.geolocation.city", Kind::Text),
    writable("company.geolocation.coordinates.latitude", Kind::Decimal),
    writable("company.geolocation.coordinates.longitude", Kind::Decimal),
    writable("company.metrics.employees", Kind::Count),
    writable("company.metrics.market_cap", Kind::Count),
    writable("company.metrics.raised", Kind::Count),
    writable("company.metrics.arr", Kind::Count),
    writable("segments", Kind::List),
    writable("notepad", Kind::Text),
    Column {
        name: "active.last",
        kind: Kind::Integer,
        write_path: Some("active"),
    },
    read_only("active.now", Kind::Flag),
    read_only("score", Kind::Integer),
    read_only("created_at", Kind::Integer),
    read_only("updated_at", Kind::Integer),
];

/// The column named `name`.
pub fn column(name: &str) -> Option<&'static Column> {
    COLUMNS.iter().find(|column| column.name == name)
}

/// The header row.
pub fn header() -> Vec<&'static str> {
    COLUMNS.iter().map(|column| column.name).collect()
}

/// The value at dotted `path` in `value`.
pub fn lookup<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(value, |current, key| current.as_object()?.get(key))
}

/// Sets dotted `path` in `target` to `value`, creating objects on the way.
pub fn insert(target: &mut Map<String, Value>, path: &str, value: Value) {
    let mut current = target;
    let mut keys = path.split('.').peekable();
    while let Some(key) = keys.next() {
        if keys.peek().is_none() {
            current.insert(key.to_owned(), value);
            return;
        }
        let entry = current
            .entry(key.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        let Value::Object(next) = entry else {
            return;
        };
        current = next;
    }
}

/// The characters that make a spreadsheet read a cell as a formula (OWASP, "CSV injection").
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `text`, once any leading `'` are set aside, starts like a formula.
fn starts_like_a_formula(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// `text` made safe to open in a spreadsheet: when it starts like a formula (`=`, `+`, `-`, `@`, tab, carriage
/// return), possibly after some `'`, one `'` goes in front, so the spreadsheet shows it as text and runs nothing.
///
/// Counting the `'` already there keeps this reversible: `=x` is written `'=x` and `'=x` is written `''=x`, and
/// [`unguard`] takes exactly one off each.
pub fn guard(text: String) -> String {
    if starts_like_a_formula(&text) {
        format!("'{text}")
    } else {
        text
    }
}

/// The text [`guard`] was given: a cell that is a `'` in front of something starting like a formula loses that
/// `'`; any other cell is the text itself.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_like_a_formula(rest) => rest,
        _ => cell,
    }
}

/// The cell for `value` in a column of `kind` (empty for an absent or null value), [guarded](guard) against
/// spreadsheet formulas unless the column holds numbers.
pub fn cell(kind: Kind, value: Option<&Value>) -> String {
    let text = match (kind, value) {
        (_, None | Some(Value::Null)) => return String::new(),
        (Kind::Text, Some(Value::String(text))) => text.clone(),
        (_, Some(other)) => other.to_string(),
    };
    match kind {
        // A JSON number (`-60`, `-9.14`) is a number to a spreadsheet too; a `'` would make it text.
        Kind::Integer | Kind::Count | Kind::Decimal => text,
        Kind::Text | Kind::Flag | Kind::List | Kind::Json => guard(text),
    }
}

/// The value a cell of `kind` stands for, once its formula guard is [taken off](unguard); `Ok(None)` for an
/// empty cell, `Err` says what is wrong.
pub fn parse(kind: Kind, cell: &str) -> Result<Option<Value>, String> {
    let cell = unguard(cell);
    if cell.is_empty() {
        return Ok(None);
    }
    let value = match kind {
        Kind::Text => Value::String(cell.to_owned()),
        Kind::Integer => cell
            .trim()
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| format!("{cell:?} is not a whole number"))?,
        Kind::Count => cell
            .trim()
            .parse::<u64>()
            .map(Value::from)
            .map_err(|_| format!("{cell:?} is not a whole number of at least 0"))?,
        Kind::Decimal => {
            let number: f64 = cell
                .trim()
                .parse()
                .map_err(|_| format!("{cell:?} is not a number"))?;
            serde_json::Number::from_f64(number)
                .map(Value::Number)
                .ok_or_else(|| format!("{cell:?} is not a finite number"))?
        }
        Kind::Flag => match cell.trim() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(format!("{cell:?} is neither true nor false")),
        },
        Kind::List => {
            let trimmed = cell.trim();
            if trimmed.starts_with('[') {
                let items: Vec<String> = serde_json::from_str(trimmed)
                    .map_err(|_| format!("{cell:?} is not a JSON array of texts"))?;
                Value::from(items)
            } else {
                Value::from(
                    trimmed
                        .split(';')
                        .map(str::trim)
                        .filter(|item| !item.is_empty())
                        .collect::<Vec<_>>(),
                )
            }
        }
        Kind::Json => serde_json::from_str(cell.trim())
            .map_err(|error| format!("{cell:?} is not valid JSON ({error})"))?,
    };
    Ok(Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cells_round_trip_through_every_kind() {
        let cases = [
            (Kind::Text, json!("Ana, \"the\" CFO")),
            (Kind::Integer, json!(-60)),
            (Kind::Count, json!(5_400_000)),
            (Kind::Decimal, json!(38.72)),
            (Kind::Decimal, json!(-9.14)),
            (Kind::Flag, json!(false)),
            (Kind::List, json!(["customer", "vip; gold"])),
            (Kind::List, json!([])),
            (
                Kind::Json,
                json!([{ "type": "linkedin", "handle": "ana", "url": "https://x.example/ana" }]),
            ),
        ];
        for (kind, value) in cases {
            let text = cell(kind, Some(&value));
            assert_eq!(
                parse(kind, &text),
                Ok(Some(value.clone())),
                "{kind:?} {value} via {text:?}"
            );
        }
        assert_eq!(
            cell(Kind::Text, None),
            "",
            "an absent field is an empty cell"
        );
        assert_eq!(
            parse(Kind::Integer, ""),
            Ok(None),
            "and an empty cell an absent field"
        );
    }

    #[test]
    fn a_text_cell_that_starts_like_a_formula_is_written_behind_a_quote() {
        for (text, written) in [
            (
                "=HYPERLINK(\"http://evil.example\",\"x\")",
                "'=HYPERLINK(\"http://evil.example\",\"x\")",
            ),
            ("+33 6 12 34 56 78", "'+33 6 12 34 56 78"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tindented", "'\tindented"),
            ("\rreturn", "'\rreturn"),
            ("'=already quoted", "''=already quoted"),
            ("''-twice", "'''-twice"),
        ] {
            assert_eq!(
                cell(Kind::Text, Some(&json!(text))),
                written,
                "{text:?} would run as a formula in a spreadsheet without its quote"
            );
        }
        for text in ["Ana", "ana@example.com", "'quoted", "a=b", "33 6 12", ""] {
            let expected = if text.is_empty() { "" } else { text };
            assert_eq!(
                cell(Kind::Text, Some(&json!(text))),
                expected,
                "{text:?} cannot start a formula, so it is written as it is"
            );
        }
    }

    #[test]
    fn numbers_are_written_as_numbers_even_when_negative() {
        assert_eq!(
            cell(Kind::Integer, Some(&json!(-60))),
            "-60",
            "a spreadsheet reads a bare negative number as a number, never as a formula"
        );
        assert_eq!(
            cell(Kind::Decimal, Some(&json!(-9.14))),
            "-9.14",
            "coordinates stay numbers the spreadsheet can sort"
        );
        assert_eq!(
            cell(Kind::Json, Some(&json!(-5))),
            "'-5",
            "a JSON column is text to the spreadsheet, so it is guarded like text"
        );
    }

    #[test]
    fn import_takes_the_guard_off_so_every_text_comes_back_exactly() {
        for text in [
            "=1+1",
            "+33 6 12 34 56 78",
            "-5",
            "-2+3",
            "@SUM(A1)",
            "\tindented",
            "\rreturn",
            "'=already quoted",
            "''-twice",
            "'quoted",
            "'",
            "''",
            "plain",
        ] {
            let written = cell(Kind::Text, Some(&json!(text)));
            assert_eq!(
                parse(Kind::Text, &written),
                Ok(Some(json!(text))),
                "{text:?} written as {written:?} must import as itself"
            );
        }
        for (kind, value) in [
            (Kind::Integer, json!(-60)),
            (Kind::Decimal, json!(-38.72)),
            (Kind::Json, json!(-5)),
            (Kind::List, json!(["=evil", "-1"])),
        ] {
            let written = cell(kind, Some(&value));
            assert_eq!(
                parse(kind, &written),
                Ok(Some(value.clone())),
                "{kind:?} {value} written as {written:?} must import as itself"
            );
        }
    }

    #[test]
    fn a_guard_added_by_another_tool_is_taken_off_on_import() {
        assert_eq!(
            parse(Kind::Text, "'=cmd"),
            Ok(Some(json!("=cmd"))),
            "a quoted formula is the formula's text"
        );
        assert_eq!(
            parse(Kind::Integer, "'-60"),
            Ok(Some(json!(-60))),
            "a quoted negative number is still the number"
        );
        assert_eq!(
            parse(Kind::Text, "'quoted"),
            Ok(Some(json!("'quoted"))),
            "a quote before anything else is part of the text"
        );
    }

    #[test]
    fn lists_may_be_typed_with_semicolons() {
        assert_eq!(
            parse(Kind::List, " vip ; customer;"),
            Ok(Some(json!(["vip", "customer"]))),
            "a hand-typed list"
        );
    }

    #[test]
    fn bad_numbers_say_what_is_wrong() {
        assert!(
            parse(Kind::Count, "-3").is_err(),
            "metrics cannot be negative"
        );
        assert!(parse(Kind::Integer, "12.5").is_err(), "offsets are whole");
        assert!(
            parse(Kind::Decimal, "north").is_err(),
            "coordinates are numbers"
        );
    }

    #[test]
    fn dotted_paths_are_read_and_written() {
        let mut target = Map::new();
        insert(&mut target, "person.geolocation.country", json!("PT"));
        insert(&mut target, "person.nickname", json!("Ana"));
        let value = Value::Object(target);
        assert_eq!(
            value,
            json!({ "person": { "geolocation": { "country": "PT" }, "nickname": "Ana" } }),
            "nested objects are built"
        );
        assert_eq!(
            lookup(&value, "person.geolocation.country"),
            Some(&json!("PT")),
            "and read back"
        );
        assert_eq!(
            lookup(&value, "company.name"),
            None,
            "absent paths are None"
        );
    }

    #[test]
    fn every_writable_column_is_a_profile_write_field() {
        for column in COLUMNS {
            let Some(path) = column.write_path else {
                continue;
            };
            let sample = match column.kind {
                Kind::Text => json!("x"),
                Kind::Integer | Kind::Count => json!(1),
                Kind::Decimal => json!(1.5),
                Kind::Flag => json!(true),
                Kind::List => json!(["x"]),
                Kind::Json => json!([{ "type": "x" }]),
            };
            let mut body = Map::new();
            insert(&mut body, "email", json!("a@b.example"));
            insert(&mut body, path, sample);
            let parsed: Result<crisp_client::people::PeopleProfileWrite, _> =
                serde_json::from_value(Value::Object(body.clone()));
            let written = parsed.map(|profile| serde_json::to_value(profile).ok());
            assert_eq!(
                written.ok().flatten(),
                Some(Value::Object(body)),
                "{} must survive the typed write body unchanged",
                column.name
            );
        }
    }
}
