//! Write types of `update_people_profile` (§3.10 of the contract): every field, at every depth, is a
//! [`Patch`](crate::patch::Patch).
//!
//! The read models in [`super::types`] use `Option`, where `null` and absent both mean "not set"; a PATCH needs
//! the difference, because Crisp merges the body key by key and `null` is the one way to empty a nested field
//! such as `person.phone`. So the form's `{ person: { phone: null } }` reaches Crisp exactly as sent.

use super::types::{Company, CompanyMetrics, Employment, Person, SocialProfile};
use crate::conversations::types::{Coordinates, Geolocation};
use crate::patch::patch;

patch! {
    /// The `person` of a profile PATCH: absent keeps, `null` clears, a value sets; nested objects merge.
    pub struct PersonPatch from Person {
        /// Full name.
        pub nickname: Patch<String>,
        /// Avatar URL.
        pub avatar: Patch<String>,
        /// `male` or `female`.
        pub gender: Patch<String>,
        /// Phone number.
        pub phone: Patch<String>,
        /// Postal address.
        pub address: Patch<String>,
        /// About the person.
        pub description: Patch<String>,
        /// Website URL.
        pub website: Patch<String>,
        /// Offset in minutes.
        pub timezone: Patch<i32>,
        /// Social profiles (replaces the list).
        pub profiles: Patch<Vec<SocialProfile>>,
        /// Job (merged field by field).
        pub employment: Patch<EmploymentPatch>,
        /// Where they are (merged field by field).
        pub geolocation: Patch<GeolocationPatch>,
        /// Preferred languages (replaces the list).
        pub locales: Patch<Vec<String>>,
    }
}

patch! {
    /// A person's job, in a PATCH.
    pub struct EmploymentPatch from Employment {
        /// Company name.
        pub name: Patch<String>,
        /// Company domain.
        pub domain: Patch<String>,
        /// Job title.
        pub title: Patch<String>,
        /// Role.
        pub role: Patch<String>,
        /// Seniority.
        pub seniority: Patch<String>,
    }
}

patch! {
    /// A place, in a PATCH.
    pub struct GeolocationPatch from Geolocation {
        /// Two-letter country code.
        pub country: Patch<String>,
        /// Region.
        pub region: Patch<String>,
        /// City.
        pub city: Patch<String>,
        /// Latitude and longitude (merged field by field).
        pub coordinates: Patch<CoordinatesPatch>,
    }
}

patch! {
    /// Latitude and longitude in degrees, in a PATCH.
    pub struct CoordinatesPatch from Coordinates {
        /// Degrees north.
        pub latitude: Patch<f64>,
        /// Degrees east.
        pub longitude: Patch<f64>,
    }
}

patch! {
    /// The `company` of a profile PATCH: absent keeps, `null` clears, a value sets; nested objects merge.
    pub struct CompanyPatch from Company {
        /// Name.
        pub name: Patch<String>,
        /// Legal name.
        pub legal_name: Patch<String>,
        /// Domain.
        pub domain: Patch<String>,
        /// Website URL.
        pub url: Patch<String>,
        /// Description.
        pub description: Patch<String>,
        /// Offset in minutes.
        pub timezone: Patch<i32>,
        /// Phone numbers (replaces the list).
        pub phones: Patch<Vec<String>>,
        /// Email addresses (replaces the list).
        pub emails: Patch<Vec<String>>,
        /// Where it is (merged field by field).
        pub geolocation: Patch<GeolocationPatch>,
        /// Size and money (merged field by field).
        pub metrics: Patch<CompanyMetricsPatch>,
        /// Tags (replaces the list).
        pub tags: Patch<Vec<String>>,
    }
}

patch! {
    /// A company's figures, in a PATCH.
    pub struct CompanyMetricsPatch from CompanyMetrics {
        /// Number of employees.
        pub employees: Patch<u64>,
        /// Market capitalisation.
        pub market_cap: Patch<u64>,
        /// Money raised.
        pub raised: Patch<u64>,
        /// Annual recurring revenue.
        pub arr: Patch<u64>,
    }
}
