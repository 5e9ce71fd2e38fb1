//! `Patch<T>`: a PATCH field that is kept, cleared or set, so a form sends only what the user edited.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One field of a PATCH body.
///
/// On the wire (and in the input object): an absent key is [`Patch::Keep`] and is not sent; `null` is
/// [`Patch::Clear`] and is sent as JSON `null` (Crisp's PATCH applies only the keys it receives, so `null` is the
/// one way to ask for a field to be emptied; whether Crisp honours it per field is unconfirmed); any other value is
/// [`Patch::Set`]. Use it with `#[serde(default, skip_serializing_if = "Patch::is_keep")]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Patch<T> {
    /// Leave the stored value alone (the key is not sent).
    #[default]
    Keep,
    /// Empty the stored value (sent as `null`).
    Clear,
    /// Replace the stored value.
    Set(T),
}

impl<T> Patch<T> {
    /// Whether the field is left out of the body.
    pub fn is_keep(&self) -> bool {
        matches!(self, Patch::Keep)
    }

    /// A read value as a patch field: a value sets, `None` keeps (never clears).
    pub(crate) fn set_or_keep(value: Option<T>) -> Self {
        value.map_or(Patch::Keep, Patch::Set)
    }

    /// The new value, if one is set.
    pub fn as_set(&self) -> Option<&T> {
        match self {
            Patch::Set(value) => Some(value),
            Patch::Keep | Patch::Clear => None,
        }
    }
}

impl<T> From<T> for Patch<T> {
    fn from(value: T) -> Self {
        Patch::Set(value)
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Set(value) => value.serialize(serializer),
            Patch::Keep | Patch::Clear => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(value) => Patch::Set(value),
            None => Patch::Clear,
        })
    }
}

/// Declares a PATCH body whose every field is a [`Patch`]: left out when kept, `null` when cleared, and `k?: T | null`
/// in the bindings (64-bit integers as numbers, see [`Wire`](crate::json::Wire)). Unknown input fields are refused.
///
/// With `from Source` after the name, it also converts a read shape into a patch: every field `Source` sets is set
/// (a nested shape through its own patch), the rest kept; fields this client does not know are not sent.
macro_rules! patch {
    (
        $(#[$meta:meta])*
        pub struct $name:ident from $source:ident {
            $( $(#[$field_meta:meta])* pub $field:ident: Patch<$ty:ty>, )*
        }
    ) => {
        $crate::patch::patch! {
            $(#[$meta])*
            pub struct $name {
                $( $(#[$field_meta])* pub $field: Patch<$ty>, )*
            }
        }

        /// Sets every field given and keeps the rest; fields this client does not know (`extra`) are not sent.
        impl From<$source> for $name {
            fn from(source: $source) -> Self {
                $name {
                    $( $field: $crate::patch::Patch::set_or_keep(source.$field.map(<$ty>::from)), )*
                }
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$field_meta:meta])* pub $field:ident: Patch<$ty:ty>, )*
        }
    ) => {
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[serde(deny_unknown_fields)]
        $(#[$meta])*
        pub struct $name {
            $(
                $(#[$field_meta])*
                #[serde(default, skip_serializing_if = "crate::patch::Patch::is_keep")]
                #[cfg_attr(feature = "specta", specta(optional, type = Option<<$ty as $crate::json::Wire>::Wire>))]
                pub $field: $crate::patch::Patch<$ty>,
            )*
        }

        $crate::json::wire_as_itself!($name);
    };
}
pub(crate) use patch;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Serialize, Deserialize)]
    struct Form {
        #[serde(default, skip_serializing_if = "Patch::is_keep")]
        a: Patch<String>,
        #[serde(default, skip_serializing_if = "Patch::is_keep")]
        b: Patch<String>,
        #[serde(default, skip_serializing_if = "Patch::is_keep")]
        c: Patch<String>,
    }

    #[test]
    fn absent_null_and_value_read_as_keep_clear_and_set() {
        let form: Form =
            serde_json::from_value(json!({ "b": null, "c": "x" })).expect("valid form");
        assert_eq!(
            form.a,
            Patch::Keep,
            "an absent key must keep the stored value"
        );
        assert_eq!(form.b, Patch::Clear, "null must clear the stored value");
        assert_eq!(
            form.c,
            Patch::Set("x".to_owned()),
            "a value must replace the stored value"
        );
    }

    #[test]
    fn only_cleared_and_set_fields_are_sent() {
        let form = Form {
            a: Patch::Keep,
            b: Patch::Clear,
            c: Patch::Set("x".to_owned()),
        };
        let body = serde_json::to_value(&form).expect("serializable");
        assert_eq!(
            body,
            json!({ "b": null, "c": "x" }),
            "kept fields must stay off the wire"
        );
    }
}
