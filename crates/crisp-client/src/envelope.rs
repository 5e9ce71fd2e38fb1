//! The one place that reads Crisp's envelope `{error, reason, data}`.

use std::time::Duration;

use std::borrow::Cow;
use std::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{
    DeserializeOwned, DeserializeSeed, IgnoredAny, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::lenient::Key;

/// An HTTP answer of any status, before the envelope is read.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// Headers in order, lowercase names.
    pub headers: Vec<(String, String)>,
    /// The body as received (empty for `HEAD`).
    pub body: Vec<u8>,
    /// Time from sending the request to the end of the body.
    pub elapsed: Duration,
}

impl Response {
    /// A response with no headers and no elapsed time (tests and fake pages).
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Response {
            status,
            headers: Vec::new(),
            body: body.into(),
            elapsed: Duration::ZERO,
        }
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// An answer with its `data` as received, for callers that print it rather than type it (the CLI).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RawResponse {
    /// The HTTP status (2xx).
    pub status: u16,
    /// Headers in order, lowercase names.
    pub headers: Vec<(String, String)>,
    /// `data`, absent when the answer had none (or no body, as for `HEAD`).
    pub data: Option<Value>,
}

/// How many characters of an answer a decode error quotes.
const SNIPPET_CHARS: usize = 160;

/// The envelope's parts, read leniently.
struct Envelope {
    error: Option<bool>,
    reason: Option<String>,
    data: Option<Value>,
}

/// Reads the envelope; `Ok(None)` for an empty body, `Err` with a snippet when the body is not a JSON object.
fn parse(body: &[u8]) -> std::result::Result<Option<Envelope>, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    // Strings are not checked for UTF-8 one by one when the whole body is (a body that is not UTF-8 is read as
    // before, for the same error).
    let parsed = match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str::<Value>(text),
        Err(_) => serde_json::from_slice::<Value>(body),
    };
    match parsed {
        Ok(Value::Object(mut object)) => Ok(Some(Envelope {
            error: object.get("error").and_then(Value::as_bool),
            reason: object
                .get("reason")
                .and_then(Value::as_str)
                .map(str::to_owned),
            data: object.remove("data"),
        })),
        Ok(other) => Err(format!(
            "expected an object with error, reason and data; got {}",
            excerpt_value(&other)
        )),
        Err(error) => Err(format!(
            "not JSON ({error}): {}",
            excerpt(&String::from_utf8_lossy(body))
        )),
    }
}

/// `data` of a 2xx answer decoded into `T`; an absent, `null` or `{}` `data` gives `T::default()`.
/// A non-2xx answer (or an envelope saying `error: true`) gives the error it carries.
pub fn decode<T: DeserializeOwned + Default>(response: &Response) -> Result<T> {
    if let Some(decoded) = decode_direct(response) {
        return Ok(decoded);
    }
    decode_data(data_of(response)?)
}

/// The fast path of [`decode`]: `data` read straight from the body into `T` in one pass, with no JSON tree in
/// between. `None` whenever the body is anything but a well-formed success envelope whose `data` reads as `T`: the
/// tree-building path then gives the same answer (or the error, with its path) as before.
fn decode_direct<T: DeserializeOwned + Default>(response: &Response) -> Option<T> {
    if !response.is_success() {
        return None;
    }
    if response.body.iter().all(u8::is_ascii_whitespace) {
        return Some(T::default());
    }
    // JSON outside strings is ASCII, so a body that is not UTF-8 fails either way; checked once here, its strings are
    // not checked again one by one.
    let text = std::str::from_utf8(&response.body).ok()?;
    serde_json::from_str::<Direct<T>>(text)
        .ok()
        .map(|direct| direct.0)
}

/// A success envelope's `data` as `T`, read in one pass. Only an object with at most one `error` (`false` or
/// `null`) and one `data` reads; `data` that is absent, `null` or `{}` is `T::default()`.
struct Direct<T>(T);

impl<'de, T: DeserializeOwned + Default> Deserialize<'de> for Direct<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        deserializer.deserialize_map(DirectVisitor(PhantomData))
    }
}

struct DirectVisitor<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned + Default> Visitor<'de> for DirectVisitor<T> {
    type Value = Direct<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an envelope object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Direct<T>, A::Error> {
        let (mut error, mut data) = (false, None);
        while let Some(key) = map.next_key_seed(Key)? {
            match key.as_ref() {
                "error" if !error => {
                    error = true;
                    // An error envelope is read by the tree-building path.
                    if map.next_value::<Option<bool>>()? == Some(true) {
                        return Err(serde::de::Error::custom("an error envelope"));
                    }
                }
                "data" if data.is_none() => {
                    data = Some(map.next_value_seed(DataSeed(PhantomData))?)
                }
                "error" | "data" => return Err(serde::de::Error::custom("a repeated key")),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Direct(data.unwrap_or_default()))
    }
}

/// `data` as `T`, or `T::default()` when it is `null` or `{}` (told apart from a filled object by its first key,
/// which is then handed on to `T` with the rest).
struct DataSeed<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned + Default> DeserializeSeed<'de> for DataSeed<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<T, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: DeserializeOwned + Default> Visitor<'de> for DataSeed<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any value")
    }

    fn visit_unit<E>(self) -> std::result::Result<T, E> {
        Ok(T::default())
    }

    fn visit_none<E>(self) -> std::result::Result<T, E> {
        Ok(T::default())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<T, A::Error> {
        match map.next_key_seed(Key)? {
            None => Ok(T::default()),
            Some(first) => T::deserialize(MapAccessDeserializer::new(Resumed {
                first: Some(first),
                map,
            })),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> std::result::Result<T, A::Error> {
        T::deserialize(SeqAccessDeserializer::new(seq))
    }

    fn visit_bool<E: serde::de::Error>(self, value: bool) -> std::result::Result<T, E> {
        T::deserialize(value.into_deserializer())
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> std::result::Result<T, E> {
        T::deserialize(value.into_deserializer())
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> std::result::Result<T, E> {
        T::deserialize(value.into_deserializer())
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> std::result::Result<T, E> {
        T::deserialize(value.into_deserializer())
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, value: &'de str) -> std::result::Result<T, E> {
        T::deserialize(BorrowedStrDeserializer::new(value))
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> std::result::Result<T, E> {
        T::deserialize(value.to_owned().into_deserializer())
    }
}

/// An object whose first key was already read: that key, then the rest.
struct Resumed<'de, A> {
    first: Option<Cow<'de, str>>,
    map: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Resumed<'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> std::result::Result<Option<K::Value>, A::Error> {
        match self.first.take() {
            Some(Cow::Borrowed(key)) => seed
                .deserialize(BorrowedStrDeserializer::new(key))
                .map(Some),
            Some(Cow::Owned(key)) => seed.deserialize(key.into_deserializer()).map(Some),
            None => self.map.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> std::result::Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map
            .size_hint()
            .map(|rest| rest + usize::from(self.first.is_some()))
    }
}

/// Decodes a `data` value into `T`, naming the JSON path that failed.
pub fn decode_data<T: DeserializeOwned + Default>(data: Option<Value>) -> Result<T> {
    let data = match data {
        None | Some(Value::Null) => return Ok(T::default()),
        Some(Value::Object(object)) if object.is_empty() => return Ok(T::default()),
        Some(data) => data,
    };
    // The plain decode is the fast path; only a failure pays for a second, path-tracking pass.
    if let Ok(decoded) = T::deserialize(&data) {
        return Ok(decoded);
    }
    serde_path_to_error::deserialize(&data).map_err(|error| {
        let quoted = excerpt_value(at_path(&data, error.path()));
        let path = error.path().to_string();
        let path = match path.as_str() {
            "." => "data".to_owned(),
            indexed if indexed.starts_with('[') => format!("data{indexed}"),
            field => format!("data.{field}"),
        };
        Error::Decode {
            path,
            snippet: format!("{}; found: {quoted}", error.into_inner()),
        }
    })
}

/// The deepest value of `data` that `path` reaches (the one that failed to decode, or its parent).
fn at_path<'a>(data: &'a Value, path: &serde_path_to_error::Path) -> &'a Value {
    use serde_path_to_error::Segment;
    let mut here = data;
    for segment in path.iter() {
        let next = match segment {
            Segment::Seq { index } => here.get(*index),
            Segment::Map { key } => here.get(key.as_str()),
            Segment::Enum { .. } | Segment::Unknown => None,
        };
        match next {
            Some(next) => here = next,
            None => break,
        }
    }
    here
}

/// The answer with `data` untyped, or the error a non-2xx answer carries.
pub fn decode_raw(response: &Response) -> Result<RawResponse> {
    Ok(RawResponse {
        status: response.status,
        headers: response.headers.clone(),
        data: data_of(response)?,
    })
}

/// `data` of a success envelope, untyped, or the error the answer carries.
fn data_of(response: &Response) -> Result<Option<Value>> {
    if !response.is_success() {
        return Err(error_of(response));
    }
    let envelope = match parse(&response.body) {
        Ok(envelope) => envelope,
        Err(snippet) => {
            return Err(Error::Decode {
                path: ".".to_owned(),
                snippet,
            })
        }
    };
    let data = match envelope {
        Some(Envelope {
            error: Some(true), ..
        }) => return Err(error_of(response)),
        Some(envelope) => envelope.data,
        None => None,
    };
    Ok(data)
}

/// Crisp's `reason`, when the body is an envelope that has one.
pub fn reason_of(response: &Response) -> Option<String> {
    parse(&response.body)
        .ok()
        .flatten()
        .and_then(|envelope| envelope.reason)
}

/// Whether a 420/429 answer says the daily quota is spent (final) rather than a short-term rate limit.
pub fn is_quota_reason(reason: Option<&str>) -> bool {
    reason.is_some_and(|reason| reason.contains("quota"))
}

/// The error an answer carries: rate limiting and a spent quota apart, anything else as `Api` with Crisp's
/// `reason` (`http_error` when it gave none) and `data.message`.
pub fn error_of(response: &Response) -> Error {
    let envelope = parse(&response.body).ok().flatten();
    let reason = envelope
        .as_ref()
        .and_then(|envelope| envelope.reason.clone());
    let status = response.status;
    if status == 420 || status == 429 {
        if is_quota_reason(reason.as_deref()) {
            return Error::QuotaExceeded {
                status,
                reason: reason.unwrap_or_default(),
            };
        }
        return Error::RateLimited {
            status,
            retry_after: retry_after(response),
        };
    }
    let message = envelope
        .and_then(|envelope| envelope.data)
        .and_then(|data| {
            data.get("message")
                .and_then(Value::as_str)
                .map(str::to_owned)
        });
    let reason = reason
        .filter(|reason| !reason.is_empty())
        .unwrap_or_else(|| default_reason(status).to_owned());
    Error::Api {
        status,
        reason,
        message,
    }
}

/// The word for an error answer without a `reason` (a `HEAD`, or a proxy's page).
fn default_reason(status: u16) -> &'static str {
    match status {
        401 => "unauthorized",
        403 => "not_allowed",
        404 => "not_found",
        _ => "http_error",
    }
}

/// The longest `Retry-After` taken at its word: a larger one (or a date further away) waits this long, then asks
/// again, so a broken header cannot stop a token for days.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(3_600);

/// `Retry-After`, when the answer has one (Crisp documents none): delay-seconds or an HTTP-date, at most
/// [`MAX_RETRY_AFTER`]. A date already past is no wait.
pub fn retry_after(response: &Response) -> Option<Duration> {
    let value = response
        .headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("retry-after"))
        .map(|(_, value)| value.trim())?;
    let wait = match value.parse::<u64>() {
        Ok(seconds) => Duration::from_secs(seconds),
        Err(_) => {
            let at = http_date_secs(value)?;
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|since| since.as_secs())
                .unwrap_or(0);
            Duration::from_secs(at.saturating_sub(now))
        }
    };
    Some(wait.min(MAX_RETRY_AFTER))
}

/// An HTTP-date in its only current form (IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`), as seconds since the
/// epoch.
fn http_date_secs(text: &str) -> Option<u64> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [weekday, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    weekday.strip_suffix(',')?;
    let day: i64 = day.parse().ok()?;
    let month = MONTHS.iter().position(|name| name == month)? as i64 + 1;
    let year: i64 = year.parse().ok()?;
    let clock: Vec<i64> = time
        .split(':')
        .map(|part| part.parse().ok())
        .collect::<Option<_>>()?;
    let [hours, minutes, seconds] = clock.as_slice() else {
        return None;
    };
    if !(1..=31).contains(&day) || *hours > 23 || *minutes > 59 || *seconds > 60 {
        return None;
    }
    // Days from the civil date (H. Hinnant's algorithm), years starting in March.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    u64::try_from(days * 86_400 + hours * 3_600 + minutes * 60 + seconds).ok()
}

fn excerpt_value(value: &Value) -> String {
    excerpt(&value.to_string())
}

fn excerpt(text: &str) -> String {
    let mut out: String = text
        .chars()
        .filter(|c| !c.is_control())
        .take(SNIPPET_CHARS)
        .collect();
    if text.chars().count() > SNIPPET_CHARS {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Default, Deserialize)]
    struct Thing {
        #[allow(dead_code)]
        n: Option<u32>,
    }

    #[test]
    fn absent_null_and_empty_data_decode_to_the_default() {
        for body in [
            r#"{"error":false,"reason":"deleted"}"#,
            r#"{"error":false,"data":null}"#,
            r#"{"data":{}}"#,
            "",
        ] {
            let decoded: Result<Vec<u32>> = decode(&Response::new(200, body));
            assert_eq!(
                decoded,
                Ok(Vec::new()),
                "a correct request must not fail on an empty answer: {body}"
            );
        }
    }

    #[test]
    fn a_decode_error_names_the_json_path() {
        let response = Response::new(200, r#"{"error":false,"data":[{"n":1},{"n":"x"}]}"#);
        match decode::<Vec<Thing>>(&response) {
            Err(Error::Decode { path, .. }) => {
                assert_eq!(path, "data[1].n", "the path must point at the bad field")
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    #[test]
    fn error_answers_keep_status_reason_and_message() {
        let response = Response::new(
            400,
            r#"{"error":true,"reason":"invalid_data","data":{"message":"data should have required property '.origin'"}}"#,
        );
        assert_eq!(
            error_of(&response),
            Error::Api {
                status: 400,
                reason: "invalid_data".to_owned(),
                message: Some("data should have required property '.origin'".to_owned())
            },
            "Crisp's reason and message must survive"
        );
    }

    #[test]
    fn a_429_is_a_rate_limit_unless_the_reason_says_quota() {
        assert!(
            matches!(
                error_of(&Response::new(429, r#"{"reason":"rate_limited"}"#)),
                Error::RateLimited { status: 429, .. }
            ),
            "429 rate_limited"
        );
        assert!(
            matches!(
                error_of(&Response::new(420, "")),
                Error::RateLimited { status: 420, .. }
            ),
            "420 without a body"
        );
        assert!(
            matches!(
                error_of(&Response::new(
                    429,
                    r#"{"error":true,"reason":"quota_limit_exceeded"}"#
                )),
                Error::QuotaExceeded { .. }
            ),
            "a spent quota is its own error"
        );
    }

    #[test]
    fn retry_after_reads_seconds_in_full_and_dates_up_to_an_hour() {
        let with = |value: &str| {
            let mut response = Response::new(429, "");
            response.headers = vec![("Retry-After".to_owned(), value.to_owned())];
            retry_after(&response)
        };
        assert_eq!(
            with("90"),
            Some(Duration::from_secs(90)),
            "90 s is 90 s, not a capped 30"
        );
        assert_eq!(
            with("86400"),
            Some(MAX_RETRY_AFTER),
            "a day is asked again after an hour"
        );
        assert_eq!(
            with("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO),
            "a date already past is no wait"
        );
        assert_eq!(
            http_date_secs("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777),
            "RFC 9110's example date"
        );
        assert_eq!(
            http_date_secs("Thu, 01 Jan 1970 00:00:00 GMT"),
            Some(0),
            "the epoch"
        );
        assert_eq!(with("soon"), None, "an unreadable header is no Retry-After");
    }

    /// What the one-pass read gives, when it reads at all, is what the tree-building path gives.
    fn agrees<T: DeserializeOwned + Default + PartialEq + std::fmt::Debug>(body: &str) {
        let response = Response::new(200, body);
        let tree = data_of(&response).and_then(decode_data::<T>);
        if let Some(direct) = decode_direct::<T>(&response) {
            assert_eq!(Ok(direct), tree, "one pass and the tree differ on {body}");
        }
        assert_eq!(
            decode::<T>(&response),
            tree,
            "decode differs from the tree on {body}"
        );
    }

    #[test]
    fn the_one_pass_read_of_an_envelope_gives_what_its_json_tree_gives() {
        let bodies = [
            r#"{"error":false,"reason":"listed","data":[1,2]}"#,
            r#"{"data":[1,2],"error":true,"reason":"invalid_data"}"#,
            r#"{"data":[1],"data":[2]}"#,
            r#"{"error":false,"error":false,"data":[1]}"#,
            r#"{"error":"no","data":[1]}"#,
            r#"{"error":null,"data":{}}"#,
            r#"{"data":{ }}"#,
            r#"{"data":null}"#,
            r#"{"data":{"n":3,"x":[{"deep":null}]}}"#,
            r#"{"data":{"\u006e":4}}"#,
            r#"{"data":{"n":"7"}}"#,
            r#"{"data":"text"}"#,
            r#"{"data":"caf\u00e9"}"#,
            r#"{"data":12}"#,
            r#"{"data":-1.5}"#,
            r#"{"data":true}"#,
            r#"{"reason":"deleted"}"#,
            r#"[{"data":[1]}]"#,
            r#"{"data":[1,"x"]}"#,
        ];
        for body in bodies {
            agrees::<Vec<u32>>(body);
            agrees::<Option<u32>>(body);
            agrees::<String>(body);
            agrees::<f64>(body);
            agrees::<bool>(body);
            agrees::<Value>(body);
            agrees::<crate::conversations::Conversation>(body);
            agrees::<crate::lenient::Lenient<Vec<u32>>>(body);
            agrees::<crate::request::Empty>(body);
            agrees::<std::collections::BTreeMap<String, u32>>(body);
        }
    }

    #[test]
    fn a_malformed_success_body_is_a_decode_error_at_the_root() {
        assert!(
            matches!(decode::<Vec<u32>>(&Response::new(200, "<html>")), Err(Error::Decode { ref path, .. }) if path == "."),
            "HTML instead of JSON must be a decode error"
        );
    }
}
