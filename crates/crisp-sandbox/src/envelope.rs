//! Crisp's response envelope, `{error, reason, data}`, for successes and failures.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::conventions::{self, Failure};

/// A successful answer: `{ "error": false, "reason": ..., "data": ... }` (no `data` when `None`).
#[derive(Debug)]
pub struct Done {
    status: StatusCode,
    reason: &'static str,
    data: Option<Value>,
}

impl Done {
    /// 200 with `data`.
    pub fn data(reason: &'static str, data: Value) -> Self {
        Self {
            status: StatusCode::OK,
            reason,
            data: Some(data),
        }
    }

    /// 200 without `data`.
    pub fn empty(reason: &'static str) -> Self {
        Self {
            status: StatusCode::OK,
            reason,
            data: None,
        }
    }

    /// The same answer with another success status (206 for partial message history).
    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }
}

impl IntoResponse for Done {
    fn into_response(self) -> Response {
        let body = match self.data {
            Some(data) => json!({ "error": false, "reason": self.reason, "data": data }),
            None => json!({ "error": false, "reason": self.reason }),
        };
        (self.status, Json(body)).into_response()
    }
}

/// A failed answer: `{ "error": true, "reason": ..., "data": { "message": ... } }`.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// Status and reason.
    pub failure: Failure,
    /// Human text naming the cause (for validation: the failing property).
    pub message: String,
}

impl ApiError {
    /// A failure with a message.
    pub fn new(failure: Failure, message: impl Into<String>) -> Self {
        Self {
            failure,
            message: message.into(),
        }
    }

    /// 400 `invalid_data`.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(conventions::INVALID_DATA, message)
    }

    /// 400 `invalid_data`: "data should have required property '.<name>'" (Crisp's own wording, §2.1).
    pub fn required(path: &str, name: &str) -> Self {
        Self::invalid(format!("{path} should have required property '.{name}'"))
    }

    /// 404 `not_found` for a missing resource.
    pub fn not_found(what: &str) -> Self {
        Self::new(conventions::NOT_FOUND, format!("{what} does not exist"))
    }

    /// 404 `not_found` for a route that does not exist.
    pub fn no_route() -> Self {
        Self::new(conventions::NOT_FOUND, conventions::ROUTE_MISSING_MESSAGE)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.failure.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = json!({
            "error": true,
            "reason": self.failure.reason,
            "data": { "message": self.message },
        });
        (status, Json(body)).into_response()
    }
}

/// What every handler returns.
pub type Answer = Result<Done, ApiError>;
