//! Lenient reading of response models: one odd field must not hide a whole inbox.
//!
//! - A scalar of an unexpected JSON type reads as absent (numbers given as strings or floats are read when they
//!   fit).
//! - A nested object, enum or list is a [`Lenient`]: `Known` when it has the expected JSON kind, otherwise
//!   `Unknown`, kept exactly as sent so the UI can show it as raw JSON and re-encoding gives it back unchanged.
//!   Every type read as `Known` accepts *any* value of its JSON kind (an object for a struct, a string for an enum,
//!   an array of those for a list), so "has the expected kind" is all a reader (or the UI) must check.
//! - A list item that is not an object at all is kept whole as raw JSON (see [`lenient_item!`]).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

#[cfg(feature = "specta")]
use crate::json::JsonValue;
use crate::json::Wire;

/// A nested response value: `Known` when it reads as `T`, otherwise `Unknown`, kept exactly as sent.
///
/// Serialises as the value itself either way (TypeScript: `T | JsonValue`), so re-encoding an unknown value gives
/// back the same JSON. `null` and a missing key stay `None` around it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum Lenient<T> {
    /// The value has the expected shape.
    Known(T),
    /// Any other value, as sent.
    Unknown(#[cfg_attr(feature = "specta", specta(type = JsonValue))] Value),
}

impl<T> Lenient<T> {
    /// The value when it has the expected shape.
    pub fn known(&self) -> Option<&T> {
        match self {
            Lenient::Known(value) => Some(value),
            Lenient::Unknown(_) => None,
        }
    }

    /// The value when it has the expected shape, by value.
    pub fn into_known(self) -> Option<T> {
        match self {
            Lenient::Known(value) => Some(value),
            Lenient::Unknown(_) => None,
        }
    }

    /// The raw JSON when the value did not have the expected shape.
    pub fn unknown(&self) -> Option<&Value> {
        match self {
            Lenient::Known(_) => None,
            Lenient::Unknown(raw) => Some(raw),
        }
    }
}

impl<T: Default> Default for Lenient<T> {
    fn default() -> Self {
        Lenient::Known(T::default())
    }
}

/// `known()` on an optional [`Lenient`] field: the value when present and of the expected shape.
pub trait KnownField<T> {
    /// The value when present and of the expected shape.
    fn known(&self) -> Option<&T>;
    /// The value when present and of the expected shape, by value.
    fn into_known(self) -> Option<T>;
}

impl<T> KnownField<T> for Option<Lenient<T>> {
    fn known(&self) -> Option<&T> {
        self.as_ref().and_then(Lenient::known)
    }

    fn into_known(self) -> Option<T> {
        self.and_then(Lenient::into_known)
    }
}

impl<T> From<T> for Lenient<T> {
    fn from(value: T) -> Self {
        Lenient::Known(value)
    }
}

/// The JSON kind of a value: what a reader checks before treating a `Lenient` as typed.
fn kind(value: &Value) -> u8 {
    match value {
        Value::Null => 0,
        Value::Bool(_) => 1,
        Value::Number(_) => 2,
        Value::String(_) => 3,
        Value::Array(_) => 4,
        Value::Object(_) => 5,
    }
}

impl<T: DeserializeOwned + Serialize> Lenient<T> {
    /// `Known` when `raw` reads as `T` with the JSON kind `T` writes, otherwise `Unknown`, kept as sent.
    fn from_raw(raw: Value) -> Self {
        // serde reads a struct from an array too (by position); only a value of the kind `T` writes is known, so
        // "is an object" tells a reader whether a struct field is typed.
        match T::deserialize(&raw) {
            Ok(value)
                if serde_json::to_value(&value).is_ok_and(|typed| kind(&typed) == kind(&raw)) =>
            {
                Lenient::Known(value)
            }
            _ => Lenient::Unknown(raw),
        }
    }
}

impl<'de, T: DeserializeOwned + Serialize> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(Lenient::from_raw)
    }
}

/// Gives a list item model (a struct with `#[serde(remote = "Self")]` and an `unknown: Option<Value>` field marked
/// `#[serde(skip)]`) its `Deserialize` and `Serialize`: an item that does not read (not an object) is kept whole in
/// `unknown` and re-encodes to exactly that JSON, so it never fails its page. An optional `scrub` runs over a kept
/// raw item first (operators drop secrets Crisp may echo).
macro_rules! lenient_item {
    ($model:ident) => {
        $crate::lenient::lenient_item!($model, |_raw: &mut serde_json::Value| {});
    };
    ($model:ident, $scrub:expr) => {
        $crate::lenient::lenient_item!($model, $scrub, unknown);
    };
    ($model:ident, $scrub:expr, $unknown:ident) => {
        impl<'de> serde::Deserialize<'de> for $model {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = serde_json::Value::deserialize(deserializer)?;
                // serde would read an array by position: only an object is an item.
                match raw.is_object().then(|| $model::deserialize(&raw)) {
                    Some(Ok(item)) => Ok(item),
                    _ => Ok($model {
                        $unknown: Some({
                            let mut raw = raw;
                            ($scrub)(&mut raw);
                            raw
                        }),
                        ..$model::default()
                    }),
                }
            }
        }

        impl serde::Serialize for $model {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match &self.$unknown {
                    Some(raw) => raw.serialize(serializer),
                    None => $model::serialize(self, serializer),
                }
            }
        }
    };
}
pub(crate) use lenient_item;

/// How a response field is read: leniently, so a value of an unexpected kind reads as absent rather than failing
/// the whole answer.
pub trait Read: Wire + Sized {
    /// The field from the value as sent (`null` when the key is missing).
    fn read(value: Value) -> Option<Self>;
}

/// `deserialize_with` of every [`model!`] field: `null` or a missing key is absent, anything else as [`Read`] says.
pub(crate) fn read<'de, D: Deserializer<'de>, T: Read>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    let value = Option::<Value>::deserialize(deserializer)?.unwrap_or_default();
    Ok(T::read(value))
}

/// Each scalar type with the function that reads it.
macro_rules! read_with {
    ($($ty:ty => $read:expr),* $(,)?) => {$(
        impl Read for $ty {
            fn read(value: Value) -> Option<Self> {
                ($read)(value)
            }
        }
    )*};
}

read_with! {
    u64 => integer,
    i64 => integer,
    u32 => integer,
    i32 => integer,
    f64 => float,
    bool => boolean,
    String => text,
    Value => |value: Value| (!value.is_null()).then_some(value),
}

/// An integer: timestamps (`u64`), fingerprints (`i64`), counts (`u32`) and timezone offsets (`i32`); a whole
/// float or a number in a string is read when it fits the type.
fn integer<T: TryFrom<i128>>(value: Value) -> Option<T> {
    let whole = match value {
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
    };
    whole.and_then(|n| T::try_from(n).ok())
}

/// A float (coordinates); numbers in strings are read too.
fn float(value: Value) -> Option<f64> {
    match value {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => text.trim().parse().ok().filter(|f: &f64| f.is_finite()),
        _ => None,
    }
}

/// A boolean; `0`/`1` and `"true"`/`"false"` are read too.
fn boolean(value: Value) -> Option<bool> {
    match value {
        Value::Bool(flag) => Some(flag),
        Value::Number(number) => number.as_u64().filter(|n| *n <= 1).map(|n| n == 1),
        Value::String(text) => match text.as_str() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A string; numbers and booleans are read as their text.
fn text(value: Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

impl<T> Wire for Lenient<T> {
    type Wire = Lenient<T>;
}

/// A nested object, enum or list: known when of the expected kind, otherwise kept as sent.
impl<T: DeserializeOwned + Serialize> Read for Lenient<T> {
    fn read(value: Value) -> Option<Self> {
        (!value.is_null()).then(|| Lenient::from_raw(value))
    }
}

/// A list inside a shape that is also written (a person's `locales`): read whole when it fits, absent otherwise.
impl<T: DeserializeOwned + Wire> Read for Vec<T> {
    fn read(value: Value) -> Option<Self> {
        serde_json::from_value(value).ok()
    }
}

/// Types read whole when they fit and as absent otherwise: enums with their own catch-all, and nested shapes that
/// are also written (people's `person`, `company`, ...), so the enclosing object still reads.
macro_rules! read_whole {
    ($($ty:ty),* $(,)?) => {$(
        $crate::json::wire_as_itself!($ty);

        impl $crate::lenient::Read for $ty {
            fn read(value: serde_json::Value) -> Option<Self> {
                serde_json::from_value(value).ok()
            }
        }
    )*};
}
pub(crate) use read_whole;

/// Declares a response model whose every field is an `Option` read by [`Read`]: absent when missing, `null` or
/// of a kind that does not fit, so one odd field never hides the rest. It derives what every model derives.
///
/// After the fields, `keeps extra` adds `extra`, the fields this client does not know, kept as sent;
/// `keeps extra, unknown` also makes it a list item (with `#[serde(remote = "Self")]`, see [`lenient_item!`]).
/// A `written` model is also sent back (people's `person`, a message's `original`): unset fields stay off the
/// wire, and `written, keeps extra` sends the unknown fields back as given.
macro_rules! model {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$field_meta:meta])* pub $field:ident: Option<$ty:ty>, )*
        }
        written $(, keeps $extra:ident)?
    ) => {
        $crate::lenient::model! {
            $(#[$meta])*
            pub struct $name {
                $(
                    $(#[$field_meta])*
                    #[serde(skip_serializing_if = "Option::is_none")]
                    #[cfg_attr(feature = "specta", specta(optional))]
                    pub $field: Option<$ty>,
                )*
            }
            $(keeps $extra)?
        }
    };
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$field_meta:meta])* pub $field:ident: Option<$ty:ty>, )*
        }
        $(keeps $extra:ident $(, $unknown:ident)?)?
    ) => {
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        $(#[$meta])*
        pub struct $name {
            $(
                $(#[$field_meta])*
                #[serde(default, deserialize_with = "crate::lenient::read")]
                #[cfg_attr(feature = "specta", specta(type = Option<<$ty as $crate::json::Wire>::Wire>))]
                pub $field: Option<$ty>,
            )*
            $(
                /// Fields this client does not know, kept as sent.
                #[serde(flatten)]
                #[cfg_attr(feature = "specta", specta(skip))]
                pub $extra: serde_json::Map<String, serde_json::Value>,
                $(
                    /// The whole item as sent, when it is not an object.
                    #[serde(skip)]
                    #[cfg_attr(feature = "specta", specta(skip))]
                    pub $unknown: Option<serde_json::Value>,
                )?
            )?
        }
        $($($crate::lenient::lenient_item!($name, |_: &mut serde_json::Value| {}, $unknown);)?)?
    };
}
pub(crate) use model;

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Default, Deserialize)]
    struct Model {
        #[serde(default, deserialize_with = "super::read")]
        at: Option<u64>,
        #[serde(default, deserialize_with = "super::read")]
        timezone: Option<i32>,
        #[serde(default, deserialize_with = "super::read")]
        flag: Option<bool>,
        #[serde(default, deserialize_with = "super::read")]
        name: Option<String>,
    }

    #[derive(Debug, Default, PartialEq, serde::Serialize, Deserialize)]
    struct Place {
        #[serde(default, deserialize_with = "super::read")]
        city: Option<String>,
    }

    #[test]
    fn a_nested_value_of_another_kind_is_kept_as_sent_and_re_encodes_unchanged() {
        for raw in [
            json!("Lisbon"),
            json!([1, 2]),
            json!(7),
            json!(true),
            json!([]),
        ] {
            let read: super::Lenient<Place> =
                serde_json::from_value(raw.clone()).expect("anything reads");
            assert_eq!(
                read.unknown(),
                Some(&raw),
                "{raw} is not an object, so it is kept as sent"
            );
            assert_eq!(
                serde_json::to_value(&read).ok(),
                Some(raw),
                "and re-encodes to the same JSON"
            );
        }
        let read: super::Lenient<Place> =
            serde_json::from_value(json!({ "city": { "odd": 1 } })).expect("reads");
        assert_eq!(
            read.known(),
            Some(&Place { city: None }),
            "any object reads as known"
        );
        let absent: Option<super::Lenient<Place>> =
            serde_json::from_value(json!(null)).expect("reads");
        assert_eq!(absent, None, "null stays absent, not unknown");
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
