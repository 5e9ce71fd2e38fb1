//! Website models (§3.12 of the contract).

use serde::{Deserialize, Serialize};

use crate::lenient::model;

model! {
    /// A website (workspace).
    pub struct Website {
        /// The workspace UUID.
        pub website_id: Option<String>,
        /// Name.
        pub name: Option<String>,
        /// Domain.
        pub domain: Option<String>,
        /// Logo URL (may be empty).
        pub logo: Option<String>,
        /// Whether the domain is verified.
        pub verified: Option<bool>,
        /// Whether it is an institutional site.
        pub institutional: Option<bool>,
    }
    keeps extra
}

/// `check_website_exists`' answer: HTTP 200 is `true`, 404 is `false`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WebsiteExists {
    /// Whether a website with that domain exists.
    pub exists: bool,
}
