//! Write types of `update_people_profile` (§3.10 of the contract): every field, at every depth, is a [`Patch`].
//!
//! The read models in [`super::types`] use `Option`, where `null` and absent both mean "not set"; a PATCH needs
//! the difference, because Crisp merges the body key by key and `null` is the one way to empty a nested field
//! such as `person.phone`. So the form's `{ person: { phone: null } }` reaches Crisp exactly as sent.

use serde::{Deserialize, Serialize};

use super::types::{Company, CompanyMetrics, Employment, Person, SocialProfile};
use crate::conversations::types::{Coordinates, Geolocation};
use crate::patch::Patch;

/// The `person` of a profile PATCH: absent keeps, `null` clears, a value sets; nested objects merge.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct PersonPatch {
    /// Full name.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub nickname: Patch<String>,
    /// Avatar URL.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub avatar: Patch<String>,
    /// `male` or `female`.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub gender: Patch<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub phone: Patch<String>,
    /// Postal address.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub address: Patch<String>,
    /// About the person.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub description: Patch<String>,
    /// Website URL.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub website: Patch<String>,
    /// Offset in minutes.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub timezone: Patch<i32>,
    /// Social profiles (replaces the list).
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<Vec<SocialProfile>>))]
    pub profiles: Patch<Vec<SocialProfile>>,
    /// Job (merged field by field).
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<EmploymentPatch>))]
    pub employment: Patch<EmploymentPatch>,
    /// Where they are (merged field by field).
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<GeolocationPatch>))]
    pub geolocation: Patch<GeolocationPatch>,
    /// Preferred languages (replaces the list).
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<Vec<String>>))]
    pub locales: Patch<Vec<String>>,
}

/// A person's job, in a PATCH.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct EmploymentPatch {
    /// Company name.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub name: Patch<String>,
    /// Company domain.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub domain: Patch<String>,
    /// Job title.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub title: Patch<String>,
    /// Role.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub role: Patch<String>,
    /// Seniority.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub seniority: Patch<String>,
}

/// A place, in a PATCH.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct GeolocationPatch {
    /// Two-letter country code.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub country: Patch<String>,
    /// Region.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub region: Patch<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub city: Patch<String>,
    /// Latitude and longitude (merged field by field).
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<CoordinatesPatch>))]
    pub coordinates: Patch<CoordinatesPatch>,
}

/// Latitude and longitude in degrees, in a PATCH.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct CoordinatesPatch {
    /// Degrees north.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub latitude: Patch<f64>,
    /// Degrees east.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub longitude: Patch<f64>,
}

/// The `company` of a profile PATCH: absent keeps, `null` clears, a value sets; nested objects merge.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct CompanyPatch {
    /// Name.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub name: Patch<String>,
    /// Legal name.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub legal_name: Patch<String>,
    /// Domain.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub domain: Patch<String>,
    /// Website URL.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub url: Patch<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub description: Patch<String>,
    /// Offset in minutes.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub timezone: Patch<i32>,
    /// Phone numbers (replaces the list).
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<Vec<String>>))]
    pub phones: Patch<Vec<String>>,
    /// Email addresses (replaces the list).
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<Vec<String>>))]
    pub emails: Patch<Vec<String>>,
    /// Where it is (merged field by field).
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<GeolocationPatch>))]
    pub geolocation: Patch<GeolocationPatch>,
    /// Size and money (merged field by field).
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<CompanyMetricsPatch>))]
    pub metrics: Patch<CompanyMetricsPatch>,
    /// Tags (replaces the list).
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<Vec<String>>))]
    pub tags: Patch<Vec<String>>,
}

/// A company's figures, in a PATCH.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct CompanyMetricsPatch {
    /// Number of employees.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub employees: Patch<u64>,
    /// Market capitalisation.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub market_cap: Patch<u64>,
    /// Money raised.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub raised: Patch<u64>,
    /// Annual recurring revenue.
    #[serde(default, skip_serializing_if = "Patch::is_keep")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub arr: Patch<u64>,
}

/// A read value as a patch field: a value sets, `None` keeps (never clears).
fn set<T>(value: Option<T>) -> Patch<T> {
    value.map_or(Patch::Keep, Patch::Set)
}

/// Sets every field the person gives and keeps the rest; fields this client does not know (`extra`) are not sent.
impl From<Person> for PersonPatch {
    fn from(person: Person) -> Self {
        PersonPatch {
            nickname: set(person.nickname),
            avatar: set(person.avatar),
            gender: set(person.gender),
            phone: set(person.phone),
            address: set(person.address),
            description: set(person.description),
            website: set(person.website),
            timezone: set(person.timezone),
            profiles: set(person.profiles),
            employment: set(person.employment.map(EmploymentPatch::from)),
            geolocation: set(person.geolocation.map(GeolocationPatch::from)),
            locales: set(person.locales),
        }
    }
}

/// Sets every field given and keeps the rest.
impl From<Employment> for EmploymentPatch {
    fn from(employment: Employment) -> Self {
        EmploymentPatch {
            name: set(employment.name),
            domain: set(employment.domain),
            title: set(employment.title),
            role: set(employment.role),
            seniority: set(employment.seniority),
        }
    }
}

/// Sets every field given and keeps the rest.
impl From<Geolocation> for GeolocationPatch {
    fn from(geolocation: Geolocation) -> Self {
        GeolocationPatch {
            country: set(geolocation.country),
            region: set(geolocation.region),
            city: set(geolocation.city),
            coordinates: set(geolocation.coordinates.map(CoordinatesPatch::from)),
        }
    }
}

/// Sets every field given and keeps the rest.
impl From<Coordinates> for CoordinatesPatch {
    fn from(coordinates: Coordinates) -> Self {
        CoordinatesPatch {
            latitude: set(coordinates.latitude),
            longitude: set(coordinates.longitude),
        }
    }
}

/// Sets every field the company gives and keeps the rest; fields this client does not know (`extra`) are not sent.
impl From<Company> for CompanyPatch {
    fn from(company: Company) -> Self {
        CompanyPatch {
            name: set(company.name),
            legal_name: set(company.legal_name),
            domain: set(company.domain),
            url: set(company.url),
            description: set(company.description),
            timezone: set(company.timezone),
            phones: set(company.phones),
            emails: set(company.emails),
            geolocation: set(company.geolocation.map(GeolocationPatch::from)),
            metrics: set(company.metrics.map(CompanyMetricsPatch::from)),
            tags: set(company.tags),
        }
    }
}

/// Sets every field given and keeps the rest.
impl From<CompanyMetrics> for CompanyMetricsPatch {
    fn from(metrics: CompanyMetrics) -> Self {
        CompanyMetricsPatch {
            employees: set(metrics.employees),
            market_cap: set(metrics.market_cap),
            raised: set(metrics.raised),
            arr: set(metrics.arr),
        }
    }
}
