//! Operator models (§3.13 of the contract).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::lenient::{lenient_item, model, Lenient};

/// One entry of the operators list: `{ type, details }`.
///
/// A listed item that is not an object is kept whole in `unknown` and re-encodes as sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(remote = "Self")]
pub struct OperatorEntry {
    /// Entry kind (`operator`, or e.g. a pending invitation).
    #[serde(rename = "type")]
    #[serde(default, deserialize_with = "crate::lenient::read")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub kind: Option<String>,
    /// The operator (details of another shape are kept, minus any `key`).
    #[serde(default, deserialize_with = "details")]
    #[cfg_attr(feature = "specta", specta(type = Option<Lenient<Operator>>))]
    pub details: Option<Lenient<Operator>>,
    /// The whole item as sent, when it is not an object.
    #[serde(skip)]
    #[cfg_attr(feature = "specta", specta(skip))]
    pub unknown: Option<Value>,
}

lenient_item!(OperatorEntry, without_keys);

/// Removes every `key` member, at any depth: a token holder's secret never survives in JSON kept as sent (the
/// client's models and the local store both use it).
pub fn without_keys(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove("key");
            map.values_mut().for_each(without_keys);
        }
        Value::Array(items) => items.iter_mut().for_each(without_keys),
        _ => {}
    }
}

/// `details` as a [`Lenient`] with no `key` left in it: a token holder's secret is read and dropped, never kept.
fn details<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Lenient<Operator>>, D::Error> {
    let details = Option::<Lenient<Operator>>::deserialize(deserializer)?;
    Ok(details.map(|details| match details {
        Lenient::Unknown(mut raw) => {
            without_keys(&mut raw);
            Lenient::Unknown(raw)
        }
        Lenient::Known(mut operator) => {
            operator.extra.remove("key");
            Lenient::Known(operator)
        }
    }))
}

model! {
    /// An operator of the workspace.
    pub struct Operator {
        /// The operator's `user_id` (used by `filter_assigned` and mentions).
        pub user_id: Option<String>,
        /// Email.
        pub email: Option<String>,
        /// Avatar URL.
        pub avatar: Option<String>,
        /// First name.
        pub first_name: Option<String>,
        /// Last name.
        pub last_name: Option<String>,
        /// `owner` or `member`.
        pub role: Option<String>,
        /// Job title.
        pub title: Option<String>,
        /// `online`, `away` or `offline`.
        pub availability: Option<String>,
        /// Whether they hold an API token.
        pub has_token: Option<bool>,
    }
    keeps extra
}
