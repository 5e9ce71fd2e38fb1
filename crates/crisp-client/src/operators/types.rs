//! Operator models (§3.13 of the contract).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::lenient::{lenient_item, Lenient};

/// One entry of the operators list: `{ type, details }`.
///
/// A listed item that is not an object is kept whole in `unknown` and re-encodes as sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(remote = "Self")]
pub struct OperatorEntry {
    /// Entry kind (`operator`, or e.g. a pending invitation).
    #[serde(rename = "type")]
    #[serde(default, deserialize_with = "crate::lenient::string")]
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

/// Removes every `key` member, at any depth: a token holder's secret never survives in JSON kept as sent.
fn without_keys(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove("key");
            map.values_mut().for_each(without_keys);
        }
        Value::Array(items) => items.iter_mut().for_each(without_keys),
        _ => {}
    }
}

/// `details` as a [`Lenient`] whose unknown shape has no `key` left in it.
fn details<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Lenient<Operator>>, D::Error> {
    let details = Option::<Lenient<Operator>>::deserialize(deserializer)?;
    Ok(details.map(|details| match details {
        Lenient::Unknown(mut raw) => {
            without_keys(&mut raw);
            Lenient::Unknown(raw)
        }
        known => known,
    }))
}

/// An operator of the workspace.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Operator {
    /// The operator's `user_id` (used by `filter_assigned` and mentions).
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub user_id: Option<String>,
    /// Email.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub email: Option<String>,
    /// Avatar URL.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub avatar: Option<String>,
    /// First name.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub last_name: Option<String>,
    /// `owner` or `member`.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub role: Option<String>,
    /// Job title.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub title: Option<String>,
    /// `online`, `away` or `offline`.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub availability: Option<String>,
    /// Whether they hold an API token.
    #[serde(default, deserialize_with = "crate::lenient::bool")]
    #[cfg_attr(feature = "specta", specta(type = Option<bool>))]
    pub has_token: Option<bool>,
    /// A token holder's secret `key`, when Crisp includes it: read and dropped, never kept or shown.
    #[serde(default, rename = "key", skip_serializing)]
    #[cfg_attr(feature = "specta", specta(skip))]
    pub(crate) dropped_key: Dropped,
    /// Fields this client does not know (a token holder's `identifier`/`key` are dropped, never kept).
    #[serde(flatten)]
    #[cfg_attr(feature = "specta", specta(skip))]
    pub extra: Map<String, Value>,
}

/// A field that is read and thrown away.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dropped;

impl<'de> Deserialize<'de> for Dropped {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer)?;
        Ok(Dropped)
    }
}
