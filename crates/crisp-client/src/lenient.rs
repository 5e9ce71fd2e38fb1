//! Field readers for response models: a scalar of an unexpected JSON type reads as absent instead of failing the
//! whole answer (one odd field must not hide a whole inbox). Numbers given as strings or floats are read when
//! they fit; anything else becomes `None`.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

fn value<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
    Option::<Value>::deserialize(deserializer).map(Option::unwrap_or_default)
}

fn as_i128(value: &Value) -> Option<i128> {
    match value {
        Value::Number(number) => number
            .as_i64()
            .map(i128::from)
            .or_else(|| number.as_u64().map(i128::from))
            .or_else(|| {
                number
                    .as_f64()
                    .filter(|f| f.is_finite() && f.fract() == 0.0)
                    .map(|f| f as i128)
            }),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// An unsigned 64-bit number (timestamps).
pub(crate) fn u64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    Ok(as_i128(&value(deserializer)?).and_then(|n| u64::try_from(n).ok()))
}

/// A signed 64-bit number (fingerprints).
pub(crate) fn i64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    Ok(as_i128(&value(deserializer)?).and_then(|n| i64::try_from(n).ok()))
}

/// An unsigned 32-bit number (counts).
pub(crate) fn u32<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    Ok(as_i128(&value(deserializer)?).and_then(|n| u32::try_from(n).ok()))
}

/// A signed 32-bit number (timezone offsets).
pub(crate) fn i32<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i32>, D::Error> {
    Ok(as_i128(&value(deserializer)?).and_then(|n| i32::try_from(n).ok()))
}

/// A boolean; `0`/`1` and `"true"`/`"false"` are read too.
pub(crate) fn bool<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    Ok(match value(deserializer)? {
        Value::Bool(flag) => Some(flag),
        Value::Number(number) => number.as_u64().filter(|n| *n <= 1).map(|n| n == 1),
        Value::String(text) => match text.as_str() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    })
}

/// A string; numbers and booleans are read as their text.
pub(crate) fn string<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(match value(deserializer)? {
        Value::String(text) => Some(text),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Default, Deserialize)]
    struct Model {
        #[serde(default, deserialize_with = "super::u64")]
        at: Option<u64>,
        #[serde(default, deserialize_with = "super::i32")]
        timezone: Option<i32>,
        #[serde(default, deserialize_with = "super::bool")]
        flag: Option<bool>,
        #[serde(default, deserialize_with = "super::string")]
        name: Option<String>,
    }

    fn read(value: serde_json::Value) -> Model {
        serde_json::from_value(value).expect("a lenient model reads anything")
    }

    #[test]
    fn odd_scalars_read_when_they_fit_and_as_absent_otherwise() {
        let model =
            read(json!({ "at": "1721459038274", "timezone": -60.0, "flag": 1, "name": 42 }));
        assert_eq!(
            model.at,
            Some(1721459038274),
            "a number in a string is read"
        );
        assert_eq!(model.timezone, Some(-60), "a whole float is read");
        assert_eq!(model.flag, Some(true), "1 is true");
        assert_eq!(
            model.name.as_deref(),
            Some("42"),
            "a number reads as its text"
        );
        let model = read(json!({ "at": -5, "timezone": { "x": 1 }, "flag": "maybe", "name": [1] }));
        assert_eq!(
            (model.at, model.timezone, model.flag, model.name),
            (None, None, None, None),
            "misfits read as absent"
        );
        let model = read(json!({ "at": null }));
        assert_eq!(model.at, None, "null and absent read as absent");
    }
}
