//! How values are spelled in the bindings: the one TypeScript stand-in for free-form JSON, and [`Wire`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

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

/// The type the bindings show for a field of this type: itself, except Crisp's 64-bit integers (`f64`, exact
/// below 2^53) and raw JSON ([`JsonValue`]). [`model!`](crate::lenient) and [`patch!`](crate::patch) fields point
/// their `specta(type = ...)` at it.
pub trait Wire {
    /// The type as TypeScript sees it.
    type Wire;
}

/// Types the bindings show as themselves.
macro_rules! wire_as_itself {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::json::Wire for $ty {
            type Wire = $ty;
        }
    )*};
}
pub(crate) use wire_as_itself;

wire_as_itself!(String, u32, i32, f64, bool);

impl Wire for u64 {
    type Wire = f64;
}

impl Wire for i64 {
    type Wire = f64;
}

impl Wire for Value {
    type Wire = JsonValue;
}

impl<T: Wire> Wire for Vec<T> {
    type Wire = Vec<T::Wire>;
}
