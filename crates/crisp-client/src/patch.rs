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
