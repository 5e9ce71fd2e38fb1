//! What every operation shares: the [`Request`] trait and the pure [`RequestParts`]; answers are read by
//! [`crate::envelope`].

use std::fmt;

use serde::de::{DeserializeOwned, IgnoredAny};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::envelope::{self, Response};
use crate::error::{Error, Result};

/// An HTTP method Crisp's routes use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
    /// `HEAD`.
    Head,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
        }
    }

    /// Whether repeating the request cannot change the outcome (so a 5xx or a dropped connection may be retried).
    /// `POST` is the only one that is not: a message send or a creation could land twice.
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post)
    }

    /// Whether the request always carries a JSON object body (`{}` when empty), as Crisp's clients do.
    pub fn sends_body(self) -> bool {
        matches!(self, Method::Post | Method::Put | Method::Patch)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One HTTP request, fully described and not yet sent: what a request's [`Request::build`] gives.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestParts {
    /// The method.
    pub method: Method,
    /// The path under the API host, starting with `/v1/`, IDs already percent-encoded.
    pub path: String,
    /// Query parameters in order, not yet encoded; flags are `1`/`0`.
    pub query: Vec<(String, String)>,
    /// The JSON body; `None` sends `{}` on POST/PUT/PATCH and nothing otherwise.
    pub body: Option<Value>,
    /// Extra headers (only the raw call sets them; auth and tier headers cannot be overridden).
    pub headers: Vec<(String, String)>,
}

impl RequestParts {
    /// A request with no query, body or extra header.
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        RequestParts {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            headers: Vec::new(),
        }
    }

    /// A `GET` of `path`.
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::Get, path)
    }

    /// Adds `name=value` to the query.
    pub fn query(mut self, name: &str, value: impl fmt::Display) -> Self {
        self.query.push((name.to_owned(), value.to_string()));
        self
    }

    /// Adds `name=value` when a value is given.
    pub fn query_opt(self, name: &str, value: Option<impl fmt::Display>) -> Self {
        match value {
            Some(value) => self.query(name, value),
            None => self,
        }
    }

    /// Adds a flag as `1`/`0` when it is given.
    pub fn flag(self, name: &str, value: Option<bool>) -> Self {
        self.query_opt(name, value.map(|on| if on { "1" } else { "0" }))
    }

    /// Sets the JSON body from a typed value; unset fields are already left out by the type.
    pub fn json<B: Serialize>(mut self, body: &B) -> Result<Self> {
        let value = serde_json::to_value(body)
            .map_err(|error| Error::invalid("body", error.to_string()))?;
        self.body = Some(value);
        Ok(self)
    }
}

/// One Crisp operation: a value whose pure [`build`](Request::build) describes the HTTP request, and whose
/// [`interpret`](Request::interpret) turns the HTTP answer into the typed output.
pub trait Request {
    /// What the operation answers.
    type Output: DeserializeOwned + Default + Send + 'static;

    /// Method, path, query and body, with path IDs validated; no I/O.
    fn build(&self) -> Result<RequestParts>;

    /// The typed output of an answer of any status. By default: `data` of a 2xx envelope, or the error it carries.
    fn interpret(response: Response) -> Result<Self::Output> {
        envelope::decode(&response)
    }
}

/// The output of operations whose answer has no `data` (removals, updates). Anything Crisp sends is accepted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Empty {}

impl Serialize for Empty {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        serializer.serialize_map(Some(0))?.end()
    }
}

impl<'de> Deserialize<'de> for Empty {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        IgnoredAny::deserialize(deserializer)?;
        Ok(Empty {})
    }
}

/// Declares a value the caller gives (a request, its body, message content): serde with unknown fields refused,
/// `specta::Type` behind the feature, and every `Option` field left off the wire when unset (`k?: T` in the
/// bindings). Other fields are written as they are.
macro_rules! input {
    (
        $(#[$meta:meta])*
        pub struct $name:ident { $($fields:tt)* }
    ) => {
        $crate::request::input!(@fields [$(#[$meta])* pub struct $name] [] $($fields)*);
    };
    (@fields $head:tt [$($done:tt)*]
        $(#[$field_meta:meta])* pub $field:ident: Option<$ty:ty>, $($rest:tt)*
    ) => {
        $crate::request::input!(@fields $head [$($done)*
            $(#[$field_meta])*
            #[serde(default, skip_serializing_if = "Option::is_none")]
            #[cfg_attr(feature = "specta", specta(optional))]
            pub $field: Option<$ty>,
        ] $($rest)*);
    };
    (@fields $head:tt [$($done:tt)*] $(#[$field_meta:meta])* pub $field:ident: $ty:ty, $($rest:tt)*) => {
        $crate::request::input!(@fields $head [$($done)* $(#[$field_meta])* pub $field: $ty,] $($rest)*);
    };
    (@fields [$($head:tt)*] [$($done:tt)*]) => {
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[serde(deny_unknown_fields)]
        $($head)* { $($done)* }
    };
}
pub(crate) use input;

/// `page` when absent from the input: Crisp's first page.
pub(crate) fn first_page() -> u32 {
    1
}
