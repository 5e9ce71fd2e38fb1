//! Reading queries, path pages and JSON bodies, refusing what Crisp would refuse with `invalid_data`.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use serde_json::{Map, Value};

use crate::conventions;
use crate::envelope::ApiError;

/// The query string as name/value pairs, decoded.
#[derive(Debug, Default)]
pub struct Query(Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for Query {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let pairs = parts
            .uri
            .query()
            .map(|query| {
                url::form_urlencoded::parse(query.as_bytes())
                    .map(|(name, value)| (name.into_owned(), value.into_owned()))
                    .collect()
            })
            .unwrap_or_default();
        Ok(Self(pairs))
    }
}

impl Query {
    /// A parameter's value (the first when repeated); `None` when absent.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// A non-empty string parameter.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.get(name).filter(|value| !value.is_empty())
    }

    /// A `1`/`0` flag, false when absent.
    pub fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.get(name) {
            None | Some("0") => Ok(false),
            Some("1") => Ok(true),
            Some(_) => Err(ApiError::invalid(format!(
                "query.{name} should be equal to one of the allowed values: 1, 0"
            ))),
        }
    }

    /// `per_page`, 20 to 50, 20 when absent.
    pub fn per_page(&self) -> Result<usize, ApiError> {
        let Some(raw) = self.get("per_page") else {
            return Ok(conventions::PER_PAGE_DEFAULT as usize);
        };
        let value: u32 = raw
            .parse()
            .map_err(|_| ApiError::invalid("query.per_page should be integer"))?;
        if value < conventions::PER_PAGE_MIN {
            return Err(ApiError::invalid(format!(
                "query.per_page should be >= {}",
                conventions::PER_PAGE_MIN
            )));
        }
        if value > conventions::PER_PAGE_MAX {
            return Err(ApiError::invalid(format!(
                "query.per_page should be <= {}",
                conventions::PER_PAGE_MAX
            )));
        }
        Ok(value as usize)
    }

    /// A millisecond timestamp; absent, empty or 0 counts as not given (as [N] omits them).
    pub fn millis(&self, name: &str) -> Result<Option<u64>, ApiError> {
        match self.text(name) {
            None => Ok(None),
            Some(raw) => match raw.parse::<u64>() {
                Ok(0) => Ok(None),
                Ok(value) => Ok(Some(value)),
                Err(_) => Err(ApiError::invalid(format!("query.{name} should be integer"))),
            },
        }
    }

    /// An ISO 8601 date as milliseconds (RFC 3339, or a bare `YYYY-MM-DD` at midnight UTC).
    pub fn date(&self, name: &str) -> Result<Option<u64>, ApiError> {
        let Some(raw) = self.text(name) else {
            return Ok(None);
        };
        let invalid =
            || ApiError::invalid(format!("query.{name} should match format \"date-time\""));
        let millis = match chrono::DateTime::parse_from_rfc3339(raw) {
            Ok(date) => date.timestamp_millis(),
            Err(_) => chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                .map_err(|_| invalid())?
                .and_hms_opt(0, 0, 0)
                .ok_or_else(invalid)?
                .and_utc()
                .timestamp_millis(),
        };
        Ok(Some(u64::try_from(millis).unwrap_or(0)))
    }
}

/// A page number path segment: 1 or more; 0 is invalid; anything else is not a route.
pub fn page(raw: &str) -> Result<usize, ApiError> {
    match raw.parse::<usize>() {
        Ok(0) => Err(ApiError::invalid("params.page_number should be >= 1")),
        Ok(page) => Ok(page),
        Err(_) => Err(ApiError::no_route()),
    }
}

/// A JSON object body (an empty body reads as `{}`).
#[derive(Debug, Default)]
pub struct Body(pub Map<String, Value>);

impl<S: Send + Sync> FromRequest<S> for Body {
    type Rejection = ApiError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let json = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.trim_start().starts_with("application/json"));
        let bytes = axum::body::to_bytes(request.into_body(), conventions::BODY_LIMIT)
            .await
            .map_err(|_| ApiError::invalid("data should be a JSON object of at most 2 MiB"))?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self(Map::new()));
        }
        if !json {
            return Err(ApiError::invalid(
                "data should be sent with Content-Type: application/json",
            ));
        }
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(map)) => Ok(Self(map)),
            Ok(_) => Err(ApiError::invalid("data should be object")),
            Err(error) => Err(ApiError::invalid(format!(
                "data should be valid JSON: {error}"
            ))),
        }
    }
}

/// Checks on the fields of a JSON object, with ajv-like messages naming the property.
#[derive(Debug, Clone)]
pub struct Fields<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl<'a> Fields<'a> {
    /// Checks on `map`, found at `path` (`data` for a body).
    pub fn new(map: &'a Map<String, Value>, path: &str) -> Self {
        Self {
            map,
            path: path.to_owned(),
        }
    }

    /// Where these fields are (`data`, `data.person`, ...).
    pub fn path(&self) -> &str {
        &self.path
    }

    fn wrong(&self, name: &str, kind: &str) -> ApiError {
        ApiError::invalid(format!("{}.{name} should be {kind}", self.path))
    }

    /// A present field (null counts as absent).
    pub fn value(&self, name: &str) -> Option<&'a Value> {
        self.map.get(name).filter(|value| !value.is_null())
    }

    /// A required field.
    pub fn required(&self, name: &str) -> Result<&'a Value, ApiError> {
        self.value(name)
            .ok_or_else(|| ApiError::required(&self.path, name))
    }

    /// A required string.
    pub fn required_str(&self, name: &str) -> Result<&'a str, ApiError> {
        self.required(name)?
            .as_str()
            .ok_or_else(|| self.wrong(name, "string"))
    }

    /// An optional string.
    pub fn str(&self, name: &str) -> Result<Option<&'a str>, ApiError> {
        self.value(name)
            .map(|value| value.as_str().ok_or_else(|| self.wrong(name, "string")))
            .transpose()
    }

    /// An optional boolean.
    pub fn bool(&self, name: &str) -> Result<Option<bool>, ApiError> {
        self.value(name)
            .map(|value| value.as_bool().ok_or_else(|| self.wrong(name, "boolean")))
            .transpose()
    }

    /// An optional integer.
    pub fn int(&self, name: &str) -> Result<Option<i64>, ApiError> {
        self.value(name)
            .map(|value| value.as_i64().ok_or_else(|| self.wrong(name, "integer")))
            .transpose()
    }

    /// An optional number.
    pub fn number(&self, name: &str) -> Result<Option<f64>, ApiError> {
        self.value(name)
            .map(|value| value.as_f64().ok_or_else(|| self.wrong(name, "number")))
            .transpose()
    }

    /// An optional object, as checks on its fields.
    pub fn object(&self, name: &str) -> Result<Option<Fields<'a>>, ApiError> {
        let Some(value) = self.value(name) else {
            return Ok(None);
        };
        let map = value
            .as_object()
            .ok_or_else(|| self.wrong(name, "object"))?;
        Ok(Some(Fields {
            map,
            path: format!("{}.{name}", self.path),
        }))
    }

    /// An optional array.
    pub fn array(&self, name: &str) -> Result<Option<&'a Vec<Value>>, ApiError> {
        self.value(name)
            .map(|value| value.as_array().ok_or_else(|| self.wrong(name, "array")))
            .transpose()
    }

    /// An optional array of strings.
    pub fn strings(&self, name: &str) -> Result<Option<Vec<String>>, ApiError> {
        let Some(items) = self.array(name)? else {
            return Ok(None);
        };
        items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                item.as_str().map(str::to_owned).ok_or_else(|| {
                    ApiError::invalid(format!("{}.{name}[{index}] should be string", self.path))
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    /// Refuses fields outside `allowed`.
    pub fn only(&self, allowed: &[&str]) -> Result<(), ApiError> {
        match self.map.keys().find(|key| !allowed.contains(&key.as_str())) {
            Some(extra) => Err(ApiError::invalid(format!(
                "{} should NOT have additional properties ('{extra}')",
                self.path
            ))),
            None => Ok(()),
        }
    }
}

/// A plausible email address: one `@`, a local part, and a dotted domain, no spaces.
pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !value.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
}

/// The path parameters of the matched route, by name.
#[derive(Debug, Default)]
pub struct Ids(std::collections::HashMap<String, String>);

impl<S: Send + Sync> FromRequestParts<S> for Ids {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<std::collections::HashMap<String, String>>::from_request_parts(
            parts, state,
        )
        .await
        .map(|axum::extract::Path(map)| Self(map))
        .map_err(|_| ApiError::no_route())
    }
}

impl Ids {
    /// A path parameter; empty when the route has none of that name.
    pub fn get(&self, name: &str) -> &str {
        self.0.get(name).map_or("", String::as_str)
    }

    /// The `page_number` parameter (see [`page`]).
    pub fn page(&self) -> Result<usize, ApiError> {
        page(self.get("page_number"))
    }
}

/// The items of page `page` (from 1) of `per_page`, of a list already in order.
pub fn page_of<T>(items: &[T], page: usize, per_page: usize) -> &[T] {
    let start = (page - 1).saturating_mul(per_page).min(items.len());
    let end = start.saturating_add(per_page).min(items.len());
    &items[start..end]
}
