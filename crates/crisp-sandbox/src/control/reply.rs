//! How the control API answers a failure, and how it reads a body.

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::envelope::ApiError;

/// A control API failure: 400 (or the given status) with `{ "error": message }`.
#[derive(Debug)]
pub struct ControlError(pub StatusCode, pub String);

impl IntoResponse for ControlError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1 }))).into_response()
    }
}

impl From<ApiError> for ControlError {
    fn from(error: ApiError) -> Self {
        Self(
            StatusCode::from_u16(error.failure.status).unwrap_or(StatusCode::BAD_REQUEST),
            error.message,
        )
    }
}

/// A 400 with `message`.
pub fn bad(message: impl Into<String>) -> ControlError {
    ControlError(StatusCode::BAD_REQUEST, message.into())
}

/// Parses a control body (an empty one reads as `{}`), naming what is wrong.
pub fn parse<T: serde::de::DeserializeOwned>(bytes: &Bytes) -> Result<T, ControlError> {
    let text = if bytes.iter().all(u8::is_ascii_whitespace) {
        &b"{}"[..]
    } else {
        bytes
    };
    serde_json::from_slice(text).map_err(|error| bad(format!("invalid body: {error}")))
}
