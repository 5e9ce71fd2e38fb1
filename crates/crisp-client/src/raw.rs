//! `call_api`: any route under `/v1/` on the connection's API host, answered whatever the status.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::envelope::Response;
use crate::error::{Error, Result};
#[cfg(feature = "specta")]
use crate::json::JsonValue;
use crate::request::{input, Method, Request, RequestParts};

/// Headers the raw call may not set: the client owns authentication, tier and framing.
const RESERVED_HEADERS: [&str; 7] = [
    "authorization",
    "x-crisp-tier",
    "host",
    "content-length",
    "transfer-encoding",
    "connection",
    "cookie",
];

input! {
    /// Any authorized call: `method` on `path` (which must start with `/v1/`) of the connection's API host.
    ///
    /// The path is appended to the host as given; absolute URLs, `//`, `..`, `?`, `#`, backslashes and control
    /// characters are refused before anything is sent, so the credentials only ever reach that host.
    pub struct CallApi {
        /// `GET`, `POST`, `PUT`, `PATCH`, `DELETE` or `HEAD`.
        pub method: Method,
        /// `/v1/...`.
        pub path: String,
        /// Query parameters.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        #[cfg_attr(feature = "specta", specta(optional))]
        pub query: BTreeMap<String, String>,
        /// Extra headers (not `Authorization`, `X-Crisp-Tier` or `Host`).
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        #[cfg_attr(feature = "specta", specta(optional))]
        pub headers: BTreeMap<String, String>,
        /// JSON body (`{}` is sent for POST/PUT/PATCH when absent).
        #[cfg_attr(feature = "specta", specta(type = Option<JsonValue>))]
        pub body: Option<Value>,
    }
}

impl CallApi {
    /// `method` on `path`, without query, headers or body.
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        CallApi {
            method,
            path: path.into(),
            query: BTreeMap::new(),
            headers: BTreeMap::new(),
            body: None,
        }
    }
}

/// What Crisp answered to a raw call, whatever the status (the API console shows 4xx and 5xx too).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ApiResponse {
    /// HTTP status.
    pub status: u16,
    /// Headers in order, lowercase names.
    pub headers: Vec<(String, String)>,
    /// The body as JSON, or as a JSON string when it is not JSON; `null` when empty.
    #[cfg_attr(feature = "specta", specta(type = JsonValue))]
    pub body: Value,
    /// Time from sending to the end of the answer, ms.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub elapsed_ms: u64,
}

impl Request for CallApi {
    type Output = ApiResponse;
    fn build(&self) -> Result<RequestParts> {
        check_path(&self.path)?;
        let mut parts = RequestParts::new(self.method, self.path.clone());
        parts.query = self
            .query
            .iter()
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect();
        for (name, value) in &self.headers {
            check_header(name, value)?;
            parts
                .headers
                .push((name.to_ascii_lowercase(), value.clone()));
        }
        if self.body.is_some() && self.method == Method::Head {
            return Err(Error::invalid("body", "a HEAD request carries no body"));
        }
        parts.body = self.body.clone();
        Ok(parts)
    }

    fn interpret(response: Response) -> Result<ApiResponse> {
        let body = if response.body.iter().all(u8::is_ascii_whitespace) {
            Value::Null
        } else {
            serde_json::from_slice(&response.body).unwrap_or_else(|_| {
                Value::String(String::from_utf8_lossy(&response.body).into_owned())
            })
        };
        Ok(ApiResponse {
            status: response.status,
            headers: response.headers,
            body,
            elapsed_ms: u64::try_from(response.elapsed.as_millis()).unwrap_or(u64::MAX),
        })
    }
}

/// Refuses any path that could leave `/v1/` on the configured host once joined to it.
pub fn check_path(path: &str) -> Result<()> {
    let refuse = |why: &str| Err(Error::invalid("path", format!("{why}: {path:?}")));
    if !path.starts_with("/v1/") {
        return refuse("must start with /v1/ (a path on the API host, not a URL)");
    }
    if path.contains("://") {
        return refuse("must be a path, not an absolute URL");
    }
    if path.contains("//") {
        return refuse("must not contain //");
    }
    if path.contains("..") || path.split('/').any(|segment| segment == ".") {
        return refuse("must not contain . or .. segments");
    }
    if path.to_ascii_lowercase().contains("%2e")
        || path.to_ascii_lowercase().contains("%2f")
        || path.contains("%5c")
        || path.contains("%5C")
    {
        return refuse("must not contain encoded dots or slashes");
    }
    if path.contains('?') || path.contains('#') {
        return refuse("must not contain ? or # (put parameters in query)");
    }
    if path.contains('\\') || path.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return refuse("must not contain backslashes, spaces or control characters");
    }
    Ok(())
}

fn check_header(name: &str, value: &str) -> Result<()> {
    let field = format!("headers.{name}");
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    {
        return Err(Error::invalid(field, "not a valid header name"));
    }
    if RESERVED_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
        return Err(Error::invalid(
            field,
            "set by the client from the connection; it cannot be overridden",
        ));
    }
    if value.bytes().any(|b| b == b'\r' || b == b'\n' || b == 0) {
        return Err(Error::invalid(field, "header values must be one line"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn call_api_builds_method_path_query_headers_and_body() {
        let request: CallApi = serde_json::from_value(json!({
            "method": "PATCH", "path": "/v1/website/w1/conversation/s1/state",
            "query": { "a": "1" }, "headers": { "X-Trace": "t" }, "body": { "state": "resolved" }
        }))
        .expect("decodes");
        let parts = request.build().expect("builds");
        assert_eq!(
            (parts.method, parts.path.as_str()),
            (Method::Patch, "/v1/website/w1/conversation/s1/state"),
            "as given"
        );
        assert_eq!(
            parts.query,
            [("a".to_owned(), "1".to_owned())],
            "query as given"
        );
        assert_eq!(
            parts.headers,
            [("x-trace".to_owned(), "t".to_owned())],
            "extra headers kept"
        );
        assert_eq!(
            parts.body,
            Some(json!({ "state": "resolved" })),
            "body as given"
        );
    }

    #[test]
    fn paths_that_could_leave_v1_on_the_host_are_refused() {
        for bad in [
            "https://evil.example/v1/x",
            "/v1//evil.example/x",
            "//evil.example/v1/",
            "/v1/../admin",
            "/v1/a/..",
            "/v1/x?y=1",
            "/v1/x#f",
            "/v2/x",
            "v1/x",
            "/v1/%2e%2e/x",
            "/v1/a\\b",
            "/v1/a b",
            "/v1/./x",
            "",
        ] {
            assert!(
                matches!(check_path(bad), Err(Error::InvalidInput { ref field, .. }) if field == "path"),
                "{bad:?} must be refused before anything is sent"
            );
        }
        for good in [
            "/v1/website/w1",
            "/v1/website/w1/people/profile/ana@example.com",
            "/v1/plugin/connect/endpoints",
        ] {
            assert!(check_path(good).is_ok(), "{good} is a plain path");
        }
    }

    #[test]
    fn auth_and_tier_headers_cannot_be_overridden() {
        for name in ["Authorization", "x-crisp-tier", "Host"] {
            let mut request = CallApi::new(Method::Get, "/v1/website/w1");
            request.headers.insert(name.to_owned(), "x".to_owned());
            assert!(request.build().is_err(), "{name} belongs to the connection");
        }
    }

    #[test]
    fn any_status_is_an_answer_with_the_body_kept() {
        let answer =
            CallApi::interpret(Response::new(404, r#"{"error":true,"reason":"not_found"}"#))
                .expect("never an error");
        assert_eq!(answer.status, 404, "the status is kept");
        assert_eq!(answer.body["reason"], "not_found", "the body is decoded");
        let text = CallApi::interpret(Response::new(502, "Bad gateway")).expect("never an error");
        assert_eq!(
            text.body,
            json!("Bad gateway"),
            "a non-JSON body is kept as a string"
        );
    }
}
