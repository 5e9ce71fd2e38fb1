//! Lenient reading of response models: one odd field must not hide a whole inbox.
//!
//! - A scalar of an unexpected JSON type reads as absent (numbers given as strings or floats are read when they
//!   fit).
//! - A nested object, enum or list is a [`Lenient`]: `Known` when it has the expected JSON kind, otherwise
//!   `Unknown`, kept exactly as sent so the UI can show it as raw JSON and re-encoding gives it back unchanged.
//!   Every type read as `Known` accepts *any* value of its JSON kind (an object for a struct, a string for an enum,
//!   an array of those for a list), so "has the expected kind" is all a reader (or the UI) must check.
//! - A list item that is not an object at all is kept whole as raw JSON (see [`lenient_item!`]).
//!
//! A [`model!`] reads an object straight from the body, field by field: no JSON tree is built for it, only for the
//! fields it does not know (kept in `extra`), for raw JSON fields, and for a value of another kind than expected
//! (kept as sent). Read from a JSON tree instead, it gives the same model.

use std::borrow::Cow;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Number, Value};

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
        Value::Null => NULL,
        Value::Bool(_) => BOOL,
        Value::Number(_) => NUMBER,
        Value::String(_) => STRING,
        Value::Array(_) => ARRAY,
        Value::Object(_) => OBJECT,
    }
}

impl<T: DeserializeOwned + Serialize> Lenient<T> {
    /// `Known` when `raw` reads as `T` with the JSON kind `T` writes, otherwise `Unknown`, kept as sent.
    pub(crate) fn from_raw(raw: Value) -> Self {
        // serde reads a struct from an array too (by position); only a value of the kind `T` writes is known, so
        // "is an object" tells a reader whether a struct field is typed.
        match T::deserialize(&raw) {
            Ok(value) if written_kind(&value) == Some(kind(&raw)) => Lenient::Known(value),
            _ => Lenient::Unknown(raw),
        }
    }
}

impl<'de, T: DeserializeOwned + Serialize> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(Lenient::from_raw)
    }
}

/// How a [`model!`] field reads a [`Lenient`] of this type: as its `Deserialize` does (`Known` exactly when the
/// value reads as the type with the JSON kind the type writes, otherwise `Unknown`, kept as sent), but a model
/// reads an object straight from the body instead of from a JSON tree of it.
pub trait ReadLenient: Sized {
    /// The value as a [`Lenient`] of this type.
    fn read_lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Lenient<Self>, D::Error>;
}

/// A list is read whole as JSON first: one item of another kind keeps the whole list as sent.
impl<T: DeserializeOwned + Serialize> ReadLenient for Vec<T> {
    fn read_lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Lenient<Self>, D::Error> {
        Value::deserialize(deserializer).map(Lenient::from_raw)
    }
}

/// Types that are not [`model!`]s read as a [`Lenient`] from the JSON as sent.
macro_rules! read_lenient_whole {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::lenient::ReadLenient for $ty {
            fn read_lenient<'de, D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<$crate::lenient::Lenient<Self>, D::Error> {
                <serde_json::Value as serde::Deserialize>::deserialize(deserializer)
                    .map($crate::lenient::Lenient::from_raw)
            }
        }
    )*};
}
pub(crate) use read_lenient_whole;

/// The JSON kind `serde_json::to_value(value)` would give, found from the top level alone (nothing nested is
/// written); `None` where `to_value` would fail at the top.
fn written_kind<T: Serialize>(value: &T) -> Option<u8> {
    value.serialize(KindOf).ok()
}

/// A serializer that answers the JSON kind of what it is given, as [`kind`] numbers it.
struct KindOf;

/// A value `serde_json` cannot write (a 128-bit number out of its range).
#[derive(Debug)]
struct NotJson;

impl std::fmt::Display for NotJson {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not JSON")
    }
}

impl std::error::Error for NotJson {}

impl serde::ser::Error for NotJson {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        NotJson
    }
}

/// A compound value of a known kind whose parts are not looked at.
struct Skip(u8);

macro_rules! skip_parts {
    ($($trait:ident { $($method:ident($($key:ty)?)),* })*) => {$(
        impl serde::ser::$trait for Skip {
            type Ok = u8;
            type Error = NotJson;
            $(fn $method<V: Serialize + ?Sized>(&mut self, $(_: $key,)? _: &V) -> Result<(), NotJson> {
                Ok(())
            })*
            fn end(self) -> Result<u8, NotJson> {
                Ok(self.0)
            }
        }
    )*};
}

skip_parts! {
    SerializeSeq { serialize_element() }
    SerializeTuple { serialize_element() }
    SerializeTupleStruct { serialize_field() }
    SerializeTupleVariant { serialize_field() }
    SerializeStruct { serialize_field(&'static str) }
    SerializeStructVariant { serialize_field(&'static str) }
}

impl serde::ser::SerializeMap for Skip {
    type Ok = u8;
    type Error = NotJson;
    fn serialize_key<V: Serialize + ?Sized>(&mut self, _: &V) -> Result<(), NotJson> {
        Ok(())
    }
    fn serialize_value<V: Serialize + ?Sized>(&mut self, _: &V) -> Result<(), NotJson> {
        Ok(())
    }
    fn end(self) -> Result<u8, NotJson> {
        Ok(self.0)
    }
}

const NULL: u8 = 0;
const BOOL: u8 = 1;
const NUMBER: u8 = 2;
const STRING: u8 = 3;
const ARRAY: u8 = 4;
const OBJECT: u8 = 5;

impl serde::Serializer for KindOf {
    type Ok = u8;
    type Error = NotJson;
    type SerializeSeq = Skip;
    type SerializeTuple = Skip;
    type SerializeTupleStruct = Skip;
    type SerializeTupleVariant = Skip;
    type SerializeMap = Skip;
    type SerializeStruct = Skip;
    type SerializeStructVariant = Skip;

    fn serialize_bool(self, _: bool) -> Result<u8, NotJson> {
        Ok(BOOL)
    }
    fn serialize_i8(self, _: i8) -> Result<u8, NotJson> {
        Ok(NUMBER)
    }
    fn serialize_i16(self, _: i16) -> Result<u8, NotJson> {
        Ok(NUMBER)
    }
    fn serialize_i32(self, _: i32) -> Result<u8, NotJson> {
        Ok(NUMBER)
    }
    fn serialize_i64(self, _: i64) -> Result<u8, NotJson> {
        Ok(NUMBER)
    }
    fn serialize_i128(self, n: i128) -> Result<u8, NotJson> {
        i64::try_from(n)
            .map(|_| NUMBER)
            .or_else(|_| u64::try_from(n).map(|_| NUMBER))
            .map_err(|_| NotJson)
    }
    fn serialize_u8(self, _: u8) -> Result<u8, NotJson> {
        Ok(NUMBER)
    }
    fn serialize_u16(self, _: u16) -> Result<u8, NotJson> {
        Ok(NUMBER)
    }
    fn serialize_u32(self, _: u32) -> Result<u8, NotJson> {
        Ok(NUMBER)
    }
    fn serialize_u64(self, _: u64) -> Result<u8, NotJson> {
        Ok(NUMBER)
    }
    fn serialize_u128(self, n: u128) -> Result<u8, NotJson> {
        u64::try_from(n).map(|_| NUMBER).map_err(|_| NotJson)
    }
    // serde_json writes a NaN or an infinity as null.
    fn serialize_f32(self, n: f32) -> Result<u8, NotJson> {
        Ok(if n.is_finite() { NUMBER } else { NULL })
    }
    fn serialize_f64(self, n: f64) -> Result<u8, NotJson> {
        Ok(if n.is_finite() { NUMBER } else { NULL })
    }
    fn serialize_char(self, _: char) -> Result<u8, NotJson> {
        Ok(STRING)
    }
    fn serialize_str(self, _: &str) -> Result<u8, NotJson> {
        Ok(STRING)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<u8, NotJson> {
        Ok(ARRAY)
    }
    fn serialize_none(self) -> Result<u8, NotJson> {
        Ok(NULL)
    }
    fn serialize_some<V: Serialize + ?Sized>(self, value: &V) -> Result<u8, NotJson> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<u8, NotJson> {
        Ok(NULL)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<u8, NotJson> {
        Ok(NULL)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<u8, NotJson> {
        Ok(STRING)
    }
    fn serialize_newtype_struct<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &V,
    ) -> Result<u8, NotJson> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<u8, NotJson> {
        Ok(OBJECT)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Skip, NotJson> {
        Ok(Skip(ARRAY))
    }
    fn serialize_tuple(self, _: usize) -> Result<Skip, NotJson> {
        Ok(Skip(ARRAY))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Skip, NotJson> {
        Ok(Skip(ARRAY))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Skip, NotJson> {
        Ok(Skip(OBJECT))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Skip, NotJson> {
        Ok(Skip(OBJECT))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Skip, NotJson> {
        Ok(Skip(OBJECT))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Skip, NotJson> {
        Ok(Skip(OBJECT))
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

        $crate::lenient::lenient_item!(@serialize $model, $unknown);
    };
    (@serialize $model:ident, $unknown:ident) => {
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

    /// The field straight from a deserializer, as [`Read::read`] reads it; by default through the value as JSON.
    fn read_from<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        let value = Option::<Value>::deserialize(deserializer)?.unwrap_or_default();
        Ok(Self::read(value))
    }
}

/// `deserialize_with` of a field read by [`Read`]: `null` or a missing key is absent, anything else as [`Read`]
/// says.
pub(crate) fn read<'de, D: Deserializer<'de>, T: Read>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    T::read_from(deserializer)
}

/// Each scalar type with the function that reads it. Straight from a deserializer, a scalar is given to the function
/// as the JSON value it is, without the detour through `Option<Value>`; an object or array reads as absent, as
/// every one of these functions reads it.
macro_rules! read_with {
    ($($ty:ty => $read:expr),* $(,)?) => {$(
        impl Read for $ty {
            fn read(value: Value) -> Option<Self> {
                ($read)(value)
            }

            fn read_from<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
                Ok(deserializer.deserialize_any(Scalar)?.and_then($read))
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
}

impl Read for Value {
    fn read(value: Value) -> Option<Self> {
        (!value.is_null()).then_some(value)
    }
}

/// A scalar as the JSON value it is; `None` for `null`, an object or an array.
struct Scalar;

impl<'de> Visitor<'de> for Scalar {
    type Value = Option<Value>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, flag: bool) -> Result<Self::Value, E> {
        Ok(Some(Value::Bool(flag)))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
        Ok(Some(Value::Number(n.into())))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
        Ok(Some(Value::Number(n.into())))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Self::Value, E> {
        Ok(Number::from_f64(n).map(Value::Number))
    }

    fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Some(Value::String(text.to_owned())))
    }

    fn visit_string<E>(self, text: String) -> Result<Self::Value, E> {
        Ok(Some(Value::String(text)))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    // Built and dropped rather than skipped, so a misfit fails (too deeply nested) exactly when its tree would.
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(map))?;
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq))?;
        Ok(None)
    }
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
impl<T: DeserializeOwned + Serialize + ReadLenient> Read for Lenient<T> {
    fn read(value: Value) -> Option<Self> {
        (!value.is_null()).then(|| Lenient::from_raw(value))
    }

    fn read_from<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        deserializer.deserialize_option(OptionalLenient(PhantomData))
    }
}

/// `null` (or a missing key) as absent, anything else as [`ReadLenient`] reads it.
struct OptionalLenient<T>(PhantomData<T>);

impl<'de, T: ReadLenient> Visitor<'de> for OptionalLenient<T> {
    type Value = Option<Lenient<T>>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        T::read_lenient(deserializer).map(Some)
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
/// of a kind that does not fit, so one odd field never hides the rest. It derives what every model derives, and
/// reads itself field by field from an object (see [`Fields`]).
///
/// After the fields, `keeps extra` adds `extra`, the fields this client does not know, kept as sent;
/// `keeps extra, unknown` also makes it a list item (with `#[serde(remote = "Self")]`, see [`lenient_item!`]).
/// A `written` model is also sent back (people's `person`, a message's `original`): unset fields stay off the
/// wire, and `written, keeps extra` sends the unknown fields back as given.
///
/// A field carries doc comments and at most a `#[serde(rename = "...")]`, after them.
macro_rules! model {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[doc = $doc:literal])*
                $(#[serde(rename = $wire:literal)])?
                pub $field:ident: Option<$ty:ty>,
            )*
        }
        written $(, keeps $extra:ident)?
    ) => {
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        $(#[$meta])*
        pub struct $name {
            $(
                $(#[doc = $doc])*
                $(#[serde(rename = $wire)])?
                #[serde(skip_serializing_if = "Option::is_none")]
                #[cfg_attr(feature = "specta", specta(optional))]
                #[serde(default, deserialize_with = "crate::lenient::read")]
                #[cfg_attr(feature = "specta", specta(type = Option<<$ty as $crate::json::Wire>::Wire>))]
                pub $field: Option<$ty>,
            )*
            $(
                /// Fields this client does not know, kept as sent.
                #[serde(flatten)]
                #[cfg_attr(feature = "specta", specta(skip))]
                pub $extra: serde_json::Map<String, serde_json::Value>,
            )?
        }
        $crate::lenient::model!(@read $name { $( [$($wire)?] $field $ty ),* } [$($extra)?] []);
    };
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[doc = $doc:literal])*
                $(#[serde(rename = $wire:literal)])?
                pub $field:ident: Option<$ty:ty>,
            )*
        }
        $(keeps $extra:ident $(, $unknown:ident)?)?
    ) => {
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        $(#[$meta])*
        pub struct $name {
            $(
                $(#[doc = $doc])*
                $(#[serde(rename = $wire)])?
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
        $crate::lenient::model!(@read $name { $( [$($wire)?] $field $ty ),* } [$($extra)?] [$($($unknown)?)?]);
    };
    (@keeps) => { false };
    (@keeps $extra:ident) => { true };
    (@wire $field:ident) => { stringify!($field) };
    (@wire $field:ident $wire:literal) => { $wire };
    (@read $name:ident { $( [$($wire:literal)?] $field:ident $ty:ty ),* } [$($extra:ident)?] [$($unknown:ident)?]) => {
        impl $crate::lenient::Fields for $name {
            const NAME: &'static str = stringify!($name);
            const WIRE: &'static [&'static str] = &[$($crate::lenient::model!(@wire $field $($wire)?)),*];
            const KEEPS_EXTRA: bool = $crate::lenient::model!(@keeps $($extra)?);

            fn read_field<'de, D: serde::Deserializer<'de>>(
                &mut self,
                key: &str,
                deserializer: D,
            ) -> Result<Option<D>, D::Error> {
                $(
                    if key == $crate::lenient::model!(@wire $field $($wire)?) {
                        self.$field = <$ty as $crate::lenient::Read>::read_from(deserializer)?;
                        return Ok(None);
                    }
                )*
                Ok(Some(deserializer))
            }

            fn keep(&mut self, _key: String, _value: serde_json::Value) {
                $(self.$extra.insert(_key, _value);)?
            }

            fn read_seq<'de, A: serde::de::SeqAccess<'de>>(mut _seq: A) -> Result<Self, A::Error> {
                #[allow(unused_mut)]
                let mut model = Self::default();
                $(
                    match _seq.next_element_seed($crate::lenient::ReadSeed::<$ty>::new())? {
                        Some(value) => model.$field = value,
                        None => return Ok(model),
                    }
                )*
                Ok(model)
            }
        }
        $crate::lenient::model!(@item $name [$($unknown)?]);
    };
    (@item $name:ident []) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::lenient::read_model(deserializer)
            }
        }

        impl $crate::lenient::ReadLenient for $name {
            fn read_lenient<'de, D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<$crate::lenient::Lenient<Self>, D::Error> {
                $crate::lenient::read_lenient_model(deserializer)
            }
        }
    };
    (@item $name:ident [$unknown:ident]) => {
        impl $crate::lenient::Item for $name {
            fn unknown(raw: serde_json::Value) -> Self {
                $name {
                    $unknown: Some(raw),
                    ..$name::default()
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::lenient::read_item(deserializer)
            }
        }

        /// An item of another kind than an object is kept in `unknown` and writes that kind: always known.
        impl $crate::lenient::ReadLenient for $name {
            fn read_lenient<'de, D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<$crate::lenient::Lenient<Self>, D::Error> {
                $crate::lenient::read_item(deserializer).map($crate::lenient::Lenient::Known)
            }
        }

        $crate::lenient::lenient_item!(@serialize $name, $unknown);
    };
}
pub(crate) use model;

/// A [`model!`]'s fields, for reading it straight from a deserializer.
pub trait Fields: Default {
    /// The model's name (for error messages).
    const NAME: &'static str;
    /// The fields' wire names, in order.
    const WIRE: &'static [&'static str];
    /// Whether fields this client does not know are kept (then the model reads only from an object, as serde
    /// reads a struct with a flattened map).
    const KEEPS_EXTRA: bool;
    /// Reads the field named `key` from `deserializer`; hands the deserializer back when no field has that name.
    fn read_field<'de, D: Deserializer<'de>>(
        &mut self,
        key: &str,
        deserializer: D,
    ) -> Result<Option<D>, D::Error>;
    /// Keeps a field this client does not know (a model without `extra` drops it).
    fn keep(&mut self, key: String, value: Value);
    /// The model from an array, its fields by position (as serde reads a struct from an array).
    fn read_seq<'de, A: SeqAccess<'de>>(seq: A) -> Result<Self, A::Error>;
}

/// A [`model!`] that is also a list item: anything but an object is kept whole.
pub trait Item: Fields {
    /// The item for a value that is not an object, kept as sent.
    fn unknown(raw: Value) -> Self;
}

/// A [`model!`] from an object (or, without `extra`, an array by position), as serde's derive reads it.
pub fn read_model<'de, D: Deserializer<'de>, M: Fields>(deserializer: D) -> Result<M, D::Error> {
    if M::KEEPS_EXTRA {
        deserializer.deserialize_map(ModelVisitor(PhantomData))
    } else {
        deserializer.deserialize_struct(M::NAME, M::WIRE, ModelVisitor(PhantomData))
    }
}

/// A [`model!`] list item: the model from an object, anything else kept whole in `unknown`.
pub fn read_item<'de, D: Deserializer<'de>, M: Item>(deserializer: D) -> Result<M, D::Error> {
    deserializer.deserialize_any(ObjectOrRaw::<AsItem<M>>(PhantomData))
}

/// A [`model!`] as a [`Lenient`]: known from any object, anything else kept as sent.
pub fn read_lenient_model<'de, D: Deserializer<'de>, M: Fields>(
    deserializer: D,
) -> Result<Lenient<M>, D::Error> {
    deserializer.deserialize_any(ObjectOrRaw::<AsLenient<M>>(PhantomData))
}

/// The fields of an object into a model; of a repeated key the last value counts, as in a JSON tree.
fn read_fields<'de, A: MapAccess<'de>, M: Fields>(mut map: A) -> Result<M, A::Error> {
    let mut model = M::default();
    while let Some(key) = map.next_key_seed(Key)? {
        map.next_value_seed(FieldSeed {
            model: &mut model,
            key: &key,
        })?;
    }
    Ok(model)
}

/// Reads a model from an object, or without `extra` from an array by position.
struct ModelVisitor<M>(PhantomData<M>);

impl<'de, M: Fields> Visitor<'de> for ModelVisitor<M> {
    type Value = M;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "struct {}", M::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<M, A::Error> {
        read_fields(map)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<M, A::Error> {
        if M::KEEPS_EXTRA {
            return Err(serde::de::Error::invalid_type(
                serde::de::Unexpected::Seq,
                &self,
            ));
        }
        M::read_seq(seq)
    }
}

/// An object key, borrowed from the body when it can be.
pub(crate) struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object key")
    }

    fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(key))
    }

    fn visit_str<E>(self, key: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key.to_owned()))
    }

    fn visit_string<E>(self, key: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key))
    }
}

/// The value of one object member: into its field, kept in `extra`, or skipped.
struct FieldSeed<'a, M> {
    model: &'a mut M,
    key: &'a str,
}

impl<'de, M: Fields> DeserializeSeed<'de> for FieldSeed<'_, M> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let Some(deserializer) = self.model.read_field(self.key, deserializer)? else {
            return Ok(());
        };
        if M::KEEPS_EXTRA {
            let value = Value::deserialize(deserializer)?;
            self.model.keep(self.key.to_owned(), value);
        } else {
            IgnoredAny::deserialize(deserializer)?;
        }
        Ok(())
    }
}

/// One array element read as a field by [`Read`].
pub struct ReadSeed<T>(PhantomData<T>);

impl<T> ReadSeed<T> {
    /// A seed for one element.
    pub fn new() -> Self {
        ReadSeed(PhantomData)
    }
}

impl<T> Default for ReadSeed<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'de, T: Read> DeserializeSeed<'de> for ReadSeed<T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        T::read_from(deserializer)
    }
}

/// What a reader makes of an object, and of any other value (given as JSON).
trait ObjectOr {
    type Value;
    fn object<'de, A: MapAccess<'de>>(map: A) -> Result<Self::Value, A::Error>;
    fn other(raw: Value) -> Self::Value;
}

/// A list item: the model from an object, anything else kept in `unknown`.
struct AsItem<M>(PhantomData<M>);

impl<M: Item> ObjectOr for AsItem<M> {
    type Value = M;

    fn object<'de, A: MapAccess<'de>>(map: A) -> Result<M, A::Error> {
        read_fields(map)
    }

    fn other(raw: Value) -> M {
        M::unknown(raw)
    }
}

/// A [`Lenient`] model: known from an object, anything else kept as sent.
struct AsLenient<M>(PhantomData<M>);

impl<M: Fields> ObjectOr for AsLenient<M> {
    type Value = Lenient<M>;

    fn object<'de, A: MapAccess<'de>>(map: A) -> Result<Lenient<M>, A::Error> {
        read_fields(map).map(Lenient::Known)
    }

    fn other(raw: Value) -> Lenient<M> {
        Lenient::Unknown(raw)
    }
}

/// Reads an object as `O` says, and builds any other value as JSON (as `serde_json::Value` reads it) for `O`.
struct ObjectOrRaw<O>(PhantomData<O>);

impl<'de, O: ObjectOr> Visitor<'de> for ObjectOrRaw<O> {
    type Value = O::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<O::Value, A::Error> {
        O::object(map)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<O::Value, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(O::other)
    }

    fn visit_bool<E>(self, flag: bool) -> Result<O::Value, E> {
        Ok(O::other(Value::Bool(flag)))
    }

    fn visit_i64<E>(self, n: i64) -> Result<O::Value, E> {
        Ok(O::other(Value::Number(n.into())))
    }

    fn visit_u64<E>(self, n: u64) -> Result<O::Value, E> {
        Ok(O::other(Value::Number(n.into())))
    }

    fn visit_f64<E>(self, n: f64) -> Result<O::Value, E> {
        Ok(O::other(
            Number::from_f64(n).map_or(Value::Null, Value::Number),
        ))
    }

    fn visit_str<E>(self, text: &str) -> Result<O::Value, E> {
        Ok(O::other(Value::String(text.to_owned())))
    }

    fn visit_string<E>(self, text: String) -> Result<O::Value, E> {
        Ok(O::other(Value::String(text)))
    }

    fn visit_unit<E>(self) -> Result<O::Value, E> {
        Ok(O::other(Value::Null))
    }

    fn visit_none<E>(self) -> Result<O::Value, E> {
        Ok(O::other(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<O::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

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

    #[derive(serde::Serialize)]
    enum Shapes {
        Unit,
        Newtype(u8),
        Tuple(u8, u8),
        Struct { a: u8 },
    }

    #[derive(serde::Serialize)]
    struct Wrapper(Vec<u8>);

    #[test]
    fn the_kind_a_value_writes_is_the_kind_of_its_json() {
        fn check<T: serde::Serialize>(value: T) {
            let json = serde_json::to_value(&value).expect("writes");
            assert_eq!(
                super::written_kind(&value),
                Some(super::kind(&json)),
                "{json} is written as its own kind"
            );
        }
        check(Place { city: None });
        check(vec![Place { city: None }]);
        check(Vec::<String>::new());
        check(Some("x"));
        check(None::<u8>);
        check(());
        check(true);
        check(-3_i32);
        check(7_u128);
        check(f64::NAN);
        check(1.5_f32);
        check('c');
        check(Shapes::Unit);
        check(Shapes::Newtype(1));
        check(Shapes::Tuple(1, 2));
        check(Shapes::Struct { a: 1 });
        check(Wrapper(vec![1]));
        check((1, "a"));
        check(std::collections::BTreeMap::from([("k", 1)]));
        check(json!({ "nested": [1, { "deep": null }] }));
        assert_eq!(
            super::written_kind(&u128::MAX),
            None,
            "what serde_json cannot write has no kind"
        );
    }

    super::model! {
        /// A model with a nested lenient field and unknown fields kept.
        pub struct Visit {
            /// A scalar.
            pub name: Option<String>,
            /// A nested model.
            #[serde(rename = "where")]
            pub place: Option<super::Lenient<Spot>>,
        }
        keeps extra
    }

    super::model! {
        /// A nested model.
        pub struct Spot {
            /// A scalar.
            pub city: Option<String>,
        }
    }

    #[test]
    fn a_repeated_key_counts_with_its_last_value_from_the_body_as_in_a_json_tree() {
        let body = r#"{"name":"a","name":{"x":7},"where":{"city":"Porto"},"where":"Lisbon","odd":1,"odd":[2]}"#;
        let from_body: Visit = serde_json::from_str(body).expect("reads from the body");
        let tree: serde_json::Value = serde_json::from_str(body).expect("a JSON tree");
        let from_tree: Visit = serde_json::from_value(tree).expect("reads from the tree");
        assert_eq!(from_body, from_tree, "both ways read the same model");
        assert_eq!(from_body.name, None, "the last name is a misfit");
        assert_eq!(
            from_body.place.as_ref().and_then(super::Lenient::unknown),
            Some(&json!("Lisbon")),
            "the last place is kept as sent"
        );
        assert_eq!(
            from_body.extra.get("odd"),
            Some(&json!([2])),
            "the last unknown value is kept"
        );
        let renamed: Visit =
            serde_json::from_str(r#"{"where":{"city":"Faro","x":1}}"#).expect("reads");
        assert_eq!(
            renamed.place.and_then(super::Lenient::into_known),
            Some(Spot {
                city: Some("Faro".to_owned())
            }),
            "a renamed field reads by its wire name and a nested object reads as known"
        );
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
