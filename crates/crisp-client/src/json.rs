//! The one TypeScript stand-in for free-form JSON.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Any JSON value, as TypeScript sees a `serde_json::Value` field (people `data`, raw bodies, unknown content).
///
/// Fields hold `serde_json::Value` in Rust and point their `specta(type = ...)` here, so the bindings declare this
/// type once; the UI narrows it before use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum JsonValue {
    /// `null`.
    Null(()),
    /// `true` or `false`.
    Bool(bool),
    /// Any JSON number.
    Number(f64),
    /// A string.
    String(String),
    /// An array of values.
    Array(Vec<JsonValue>),
    /// An object of values.
    Object(BTreeMap<String, JsonValue>),
}
