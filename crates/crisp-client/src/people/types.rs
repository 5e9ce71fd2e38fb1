//! People profile models (§3.10 of the contract). The same `Person` and `Company` shapes are read and written;
//! unset fields stay off the wire and unknown ones are kept in `extra`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::conversations::types::{Activity, Geolocation};
use crate::lenient::{lenient_item, Lenient};

/// A people profile as read.
///
/// A listed item that is not an object is kept whole in `unknown` and re-encodes as sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(remote = "Self")]
pub struct PeopleProfile {
    /// The profile's UUID.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub people_id: Option<String>,
    /// Email address.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub email: Option<String>,
    /// The person.
    pub person: Option<Lenient<Person>>,
    /// Their company.
    pub company: Option<Lenient<Company>>,
    /// Tags.
    pub segments: Option<Lenient<Vec<String>>>,
    /// Private operator notes.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub notepad: Option<String>,
    /// Activity: `{ now, last }` on read (an integer timestamp is accepted too).
    pub active: Option<Lenient<PeopleActive>>,
    /// Engagement score.
    #[serde(default, deserialize_with = "crate::lenient::u32")]
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub score: Option<u32>,
    /// Creation time, ms.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    #[serde(default, deserialize_with = "crate::lenient::u64")]
    pub created_at: Option<u64>,
    /// Last update, ms.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    #[serde(default, deserialize_with = "crate::lenient::u64")]
    pub updated_at: Option<u64>,
    /// Fields this client does not know, kept as sent.
    #[serde(flatten)]
    #[cfg_attr(feature = "specta", specta(skip))]
    pub extra: Map<String, Value>,
    /// The whole item as sent, when it is not an object.
    #[serde(skip)]
    #[cfg_attr(feature = "specta", specta(skip))]
    pub unknown: Option<Value>,
}

lenient_item!(PeopleProfile);

/// A profile's `active`: an object on read, a plain timestamp on write; both decode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum PeopleActive {
    /// Last activity, ms.
    Timestamp(#[cfg_attr(feature = "specta", specta(type = f64))] i64),
    /// `{ now, last }`.
    State(Activity),
}

/// The person of a profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Person {
    /// Full name (required by Crisp on add).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub nickname: Option<String>,
    /// Avatar URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub avatar: Option<String>,
    /// `male` or `female`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub gender: Option<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub phone: Option<String>,
    /// Postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub address: Option<String>,
    /// About the person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub description: Option<String>,
    /// Website URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub website: Option<String>,
    /// Offset in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::i32")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<i32>))]
    pub timezone: Option<i32>,
    /// Social profiles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::fits")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<Vec<SocialProfile>>))]
    pub profiles: Option<Vec<SocialProfile>>,
    /// Job.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::fits")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<Employment>))]
    pub employment: Option<Employment>,
    /// Where they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::fits")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<Geolocation>))]
    pub geolocation: Option<Geolocation>,
    /// Preferred languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::fits")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<Vec<String>>))]
    pub locales: Option<Vec<String>>,
    /// Fields this client does not know, kept and sent back as given.
    #[serde(flatten)]
    #[cfg_attr(feature = "specta", specta(skip))]
    pub extra: Map<String, Value>,
}

/// A social profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SocialProfile {
    /// Network (`linkedin`, ...).
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub kind: Option<String>,
    /// Handle on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub handle: Option<String>,
    /// Profile URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub url: Option<String>,
}

/// A person's job.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Employment {
    /// Company name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub name: Option<String>,
    /// Company domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub domain: Option<String>,
    /// Job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub title: Option<String>,
    /// Role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub role: Option<String>,
    /// Seniority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub seniority: Option<String>,
}

/// The company of a profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Company {
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub name: Option<String>,
    /// Legal name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub legal_name: Option<String>,
    /// Domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub domain: Option<String>,
    /// Website URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub url: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub description: Option<String>,
    /// Offset in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::i32")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<i32>))]
    pub timezone: Option<i32>,
    /// Phone numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::fits")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<Vec<String>>))]
    pub phones: Option<Vec<String>>,
    /// Email addresses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::fits")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<Vec<String>>))]
    pub emails: Option<Vec<String>>,
    /// Where it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::fits")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<Geolocation>))]
    pub geolocation: Option<Geolocation>,
    /// Size and money.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::fits")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<CompanyMetrics>))]
    pub metrics: Option<CompanyMetrics>,
    /// Tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::fits")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<Vec<String>>))]
    pub tags: Option<Vec<String>>,
    /// Fields this client does not know, kept and sent back as given.
    #[serde(flatten)]
    #[cfg_attr(feature = "specta", specta(skip))]
    pub extra: Map<String, Value>,
}

/// A company's figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CompanyMetrics {
    /// Number of employees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::u64")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<f64>))]
    pub employees: Option<u64>,
    /// Market capitalisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::u64")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<f64>))]
    pub market_cap: Option<u64>,
    /// Money raised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::u64")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<f64>))]
    pub raised: Option<u64>,
    /// Annual recurring revenue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::u64")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<f64>))]
    pub arr: Option<u64>,
}

/// The answer of `add_people_profile`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AddedPeopleProfile {
    /// The new profile's UUID.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub people_id: Option<String>,
}
