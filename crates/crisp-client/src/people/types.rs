//! People profile models (§3.10 of the contract). The same `Person` and `Company` shapes are read and written;
//! unset fields stay off the wire and unknown ones are kept in `extra`.

use serde::{Deserialize, Serialize};

use crate::conversations::types::{Activity, Geolocation};
use crate::lenient::{model, read_lenient_whole, read_whole, Lenient};

model! {
    /// A people profile as read.
    ///
    /// A listed item that is not an object is kept whole in `unknown` and re-encodes as sent.
    #[serde(remote = "Self")]
    pub struct PeopleProfile {
        /// The profile's UUID.
        pub people_id: Option<String>,
        /// Email address.
        pub email: Option<String>,
        /// The person.
        pub person: Option<Lenient<Person>>,
        /// Their company.
        pub company: Option<Lenient<Company>>,
        /// Tags.
        pub segments: Option<Lenient<Vec<String>>>,
        /// Private operator notes.
        pub notepad: Option<String>,
        /// Activity: `{ now, last }` on read (an integer timestamp is accepted too).
        pub active: Option<Lenient<PeopleActive>>,
        /// Engagement score.
        pub score: Option<u32>,
        /// Creation time, ms.
        pub created_at: Option<u64>,
        /// Last update, ms.
        pub updated_at: Option<u64>,
    }
    keeps extra, unknown
}

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

model! {
    /// The person of a profile.
    pub struct Person {
        /// Full name (required by Crisp on add).
        pub nickname: Option<String>,
        /// Avatar URL.
        pub avatar: Option<String>,
        /// `male` or `female`.
        pub gender: Option<String>,
        /// Phone number.
        pub phone: Option<String>,
        /// Postal address.
        pub address: Option<String>,
        /// About the person.
        pub description: Option<String>,
        /// Website URL.
        pub website: Option<String>,
        /// Offset in minutes.
        pub timezone: Option<i32>,
        /// Social profiles.
        pub profiles: Option<Vec<SocialProfile>>,
        /// Job.
        pub employment: Option<Employment>,
        /// Where they are.
        pub geolocation: Option<Geolocation>,
        /// Preferred languages.
        pub locales: Option<Vec<String>>,
    }
    written, keeps extra
}

model! {
    /// A social profile.
    pub struct SocialProfile {
        /// Network (`linkedin`, ...).
        #[serde(rename = "type")]
        pub kind: Option<String>,
        /// Handle on it.
        pub handle: Option<String>,
        /// Profile URL.
        pub url: Option<String>,
    }
    written
}

model! {
    /// A person's job.
    pub struct Employment {
        /// Company name.
        pub name: Option<String>,
        /// Company domain.
        pub domain: Option<String>,
        /// Job title.
        pub title: Option<String>,
        /// Role.
        pub role: Option<String>,
        /// Seniority.
        pub seniority: Option<String>,
    }
    written
}

model! {
    /// The company of a profile.
    pub struct Company {
        /// Name.
        pub name: Option<String>,
        /// Legal name.
        pub legal_name: Option<String>,
        /// Domain.
        pub domain: Option<String>,
        /// Website URL.
        pub url: Option<String>,
        /// Description.
        pub description: Option<String>,
        /// Offset in minutes.
        pub timezone: Option<i32>,
        /// Phone numbers.
        pub phones: Option<Vec<String>>,
        /// Email addresses.
        pub emails: Option<Vec<String>>,
        /// Where it is.
        pub geolocation: Option<Geolocation>,
        /// Size and money.
        pub metrics: Option<CompanyMetrics>,
        /// Tags.
        pub tags: Option<Vec<String>>,
    }
    written, keeps extra
}

model! {
    /// A company's figures.
    pub struct CompanyMetrics {
        /// Number of employees.
        pub employees: Option<u64>,
        /// Market capitalisation.
        pub market_cap: Option<u64>,
        /// Money raised.
        pub raised: Option<u64>,
        /// Annual recurring revenue.
        pub arr: Option<u64>,
    }
    written
}

model! {
    /// The answer of `add_people_profile`.
    pub struct AddedPeopleProfile {
        /// The new profile's UUID.
        pub people_id: Option<String>,
    }
}

read_whole!(SocialProfile, Employment, CompanyMetrics);
read_lenient_whole!(PeopleActive);
