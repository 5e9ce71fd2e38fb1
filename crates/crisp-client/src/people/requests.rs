//! People profile requests (§3.10 of the contract).

use serde::{Deserialize, Serialize};

use super::patch::{CompanyPatch, PersonPatch};
use super::types::{AddedPeopleProfile, Company, PeopleProfile, Person};
use crate::conversations::requests::{SearchOperator, SearchQuery};
use crate::error::{Error, Result};
use crate::paging::paged_request;
use crate::patch::patch;
use crate::path;
use crate::request::{first_page, input, Empty, Method, Request, RequestParts};

input! {
    /// Body of [`AddPeopleProfile`]: every writable field; unset ones stay off the wire.
    #[derive(Default)]
    pub struct PeopleProfileWrite {
        /// Email address (required by Crisp).
        pub email: String,
        /// The person (`nickname` is required by Crisp).
        pub person: Option<Person>,
        /// Their company.
        pub company: Option<Company>,
        /// Tags.
        pub segments: Option<Vec<String>>,
        /// Private operator notes.
        pub notepad: Option<String>,
        /// Last activity, ms (a plain integer on write).
        #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
        pub active: Option<i64>,
    }
}

input! {
    /// `POST /v1/website/{website_id}/people/profile`: adds a profile.
    pub struct AddPeopleProfile {
        /// The workspace.
        pub website_id: String,
        /// The profile.
        pub body: PeopleProfileWrite,
    }
}

impl AddPeopleProfile {
    /// Adds `body` to `website_id`.
    pub fn new(website_id: impl Into<String>, body: PeopleProfileWrite) -> Self {
        AddPeopleProfile {
            website_id: website_id.into(),
            body,
        }
    }
}

impl Request for AddPeopleProfile {
    type Output = AddedPeopleProfile;
    fn build(&self) -> Result<RequestParts> {
        if self.body.email.trim().is_empty() {
            return Err(Error::invalid(
                "body.email",
                "a profile needs an email address",
            ));
        }
        RequestParts::new(
            Method::Post,
            format!("{}/people/profile", path::website(&self.website_id)?),
        )
        .json(&self.body)
    }
}

input! {
    /// `GET /v1/website/{website_id}/people/profile/{people_id}`: one profile.
    pub struct GetPeopleProfile {
        /// The workspace.
        pub website_id: String,
        /// The profile's UUID (or email address).
        pub people_id: String,
    }
}

impl GetPeopleProfile {
    /// Profile `people_id` of `website_id`.
    pub fn new(website_id: impl Into<String>, people_id: impl Into<String>) -> Self {
        GetPeopleProfile {
            website_id: website_id.into(),
            people_id: people_id.into(),
        }
    }
}

impl Request for GetPeopleProfile {
    type Output = PeopleProfile;
    fn build(&self) -> Result<RequestParts> {
        Ok(RequestParts::get(profile_path(
            &self.website_id,
            &self.people_id,
        )?))
    }
}

patch! {
    /// Body of [`UpdatePeopleProfile`]: each field kept (absent), cleared (`null`) or set.
    ///
    /// The same holds at every depth: `person` and `company` are [`PersonPatch`] and [`CompanyPatch`], so
    /// `person: { phone: null }` clears only the phone and `person: { phone: "…" }` changes only the phone, as far as
    /// Crisp's merge goes.
    pub struct PeopleProfilePatch {
        /// Email address.
        pub email: Patch<String>,
        /// The person.
        pub person: Patch<PersonPatch>,
        /// Their company.
        pub company: Patch<CompanyPatch>,
        /// Tags (replaces the list).
        pub segments: Patch<Vec<String>>,
        /// Private operator notes.
        pub notepad: Patch<String>,
        /// Last activity, ms.
        pub active: Patch<i64>,
    }
}

impl PeopleProfilePatch {
    /// Whether nothing would be sent.
    pub fn is_empty(&self) -> bool {
        self.email.is_keep()
            && self.person.is_keep()
            && self.company.is_keep()
            && self.segments.is_keep()
            && self.notepad.is_keep()
            && self.active.is_keep()
    }
}

input! {
    /// `PATCH /v1/website/{website_id}/people/profile/{people_id}`: changes only the fields given.
    pub struct UpdatePeopleProfile {
        /// The workspace.
        pub website_id: String,
        /// The profile's UUID (or email address).
        pub people_id: String,
        /// The edits.
        pub body: PeopleProfilePatch,
    }
}

impl UpdatePeopleProfile {
    /// Applies `body` to profile `people_id`.
    pub fn new(
        website_id: impl Into<String>,
        people_id: impl Into<String>,
        body: PeopleProfilePatch,
    ) -> Self {
        UpdatePeopleProfile {
            website_id: website_id.into(),
            people_id: people_id.into(),
            body,
        }
    }
}

impl Request for UpdatePeopleProfile {
    type Output = Empty;
    fn build(&self) -> Result<RequestParts> {
        RequestParts::new(
            Method::Patch,
            profile_path(&self.website_id, &self.people_id)?,
        )
        .json(&self.body)
    }
}

input! {
    /// `DELETE /v1/website/{website_id}/people/profile/{people_id}`: removes a profile.
    pub struct RemovePeopleProfile {
        /// The workspace.
        pub website_id: String,
        /// The profile's UUID (or email address).
        pub people_id: String,
    }
}

impl RemovePeopleProfile {
    /// Removes profile `people_id`.
    pub fn new(website_id: impl Into<String>, people_id: impl Into<String>) -> Self {
        RemovePeopleProfile {
            website_id: website_id.into(),
            people_id: people_id.into(),
        }
    }
}

impl Request for RemovePeopleProfile {
    type Output = Empty;
    fn build(&self) -> Result<RequestParts> {
        Ok(RequestParts::new(
            Method::Delete,
            profile_path(&self.website_id, &self.people_id)?,
        ))
    }
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    /// A to Z, oldest first.
    Ascending,
    /// Z to A, newest first.
    Descending,
}

impl SortOrder {
    fn as_str(self) -> &'static str {
        match self {
            SortOrder::Ascending => "ascending",
            SortOrder::Descending => "descending",
        }
    }
}

input! {
    /// `GET /v1/website/{website_id}/people/profiles/{page}`: one page of profiles.
    pub struct ListPeopleProfiles {
        /// The workspace.
        pub website_id: String,
        /// Page number, from 1.
        #[serde(default = "first_page")]
        #[cfg_attr(feature = "specta", specta(optional))]
        pub page: u32,
        /// Page size (Crisp: 20–50, default 20).
        pub per_page: Option<u32>,
        /// Field to sort on (`nickname`, ...).
        pub sort_field: Option<String>,
        /// Sort direction.
        pub sort_order: Option<SortOrder>,
        /// How filter objects combine.
        pub search_operator: Option<SearchOperator>,
        /// Filter objects (sent as one JSON-encoded parameter).
        pub search_filter: Option<SearchQuery>,
        /// Quick full-text search.
        pub search_text: Option<String>,
        /// Lower bound on the creation date, ISO 8601.
        pub filter_date_start: Option<String>,
        /// Upper bound on the creation date, ISO 8601.
        pub filter_date_end: Option<String>,
        /// The most profiles to return when paging; never sent to Crisp.
        pub limit: Option<u32>,
    }
}

impl ListPeopleProfiles {
    /// The first page of `website_id`'s profiles.
    pub fn new(website_id: impl Into<String>) -> Self {
        ListPeopleProfiles {
            website_id: website_id.into(),
            page: 1,
            per_page: None,
            sort_field: None,
            sort_order: None,
            search_operator: None,
            search_filter: None,
            search_text: None,
            filter_date_start: None,
            filter_date_end: None,
            limit: None,
        }
    }
}

impl Request for ListPeopleProfiles {
    type Output = Vec<PeopleProfile>;
    fn build(&self) -> Result<RequestParts> {
        let path = format!(
            "{}/people/profiles/{}",
            path::website(&self.website_id)?,
            path::page(self.page)?
        );
        let search_filter = match &self.search_filter {
            Some(filter) => Some(
                filter
                    .encode()
                    .map_err(|_| Error::invalid("search_filter", "not encodable"))?,
            ),
            None => None,
        };
        Ok(RequestParts::get(path)
            .query_opt("per_page", crate::paging::per_page(self.per_page)?)
            .query_opt("sort_field", self.sort_field.as_deref())
            .query_opt("sort_order", self.sort_order.map(SortOrder::as_str))
            .query_opt(
                "search_operator",
                self.search_operator.map(SearchOperator::as_str),
            )
            .query_opt("search_filter", search_filter)
            .query_opt("search_text", self.search_text.as_deref())
            .query_opt("filter_date_start", self.filter_date_start.as_deref())
            .query_opt("filter_date_end", self.filter_date_end.as_deref()))
    }
}

paged_request!(ListPeopleProfiles => PeopleProfile, per_page);

/// `.../people/profile/{people_id}`. A People ID may be the profile's email (contract §3.10). The contract says
/// both "IDs are inserted verbatim" (§1.1) and "percent-encode it" (§3.10); Crisp's official clients (Node
/// `prepareRestUrl`, PHP, Go, Python) all insert it verbatim, so an email goes as typed, `@` and `+` literal.
/// Only what would leave the segment (`/`, `?`, `#`, `%`, spaces, ...) is percent-encoded, by [`path::segment`].
fn profile_path(website_id: &str, people_id: &str) -> Result<String> {
    Ok(format!(
        "{}/people/profile/{}",
        path::website(website_id)?,
        path::segment("people_id", people_id)?
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patch::Patch;
    use serde_json::json;

    const WEBSITE: &str = "3f2b9c1e-5d47-4a8e-9b61-0c2d7e4f8a13";
    const PEOPLE: &str = "a9d3f5e1-6b27-4c80-9e14-5f2a8c7d3b60";

    fn full_profile() -> serde_json::Value {
        json!({
            "email": "ana@example.com",
            "person": {
                "nickname": "Ana Costa", "avatar": "https://example.com/avatars/ana.png", "gender": "female",
                "phone": "+351 912 345 678", "address": "Rua Augusta 100, Lisboa", "description": "Finance lead",
                "website": "https://ana.example.com", "timezone": -60,
                "profiles": [{ "type": "linkedin", "handle": "anacosta", "url": "https://www.linkedin.com/in/anacosta" }],
                "employment": { "name": "Acme Lda", "domain": "acme.pt", "title": "CFO", "role": "finance", "seniority": "executive" },
                "geolocation": { "country": "PT", "region": "Lisbon", "city": "Lisbon", "coordinates": { "latitude": 38.72, "longitude": -9.14 } },
                "locales": ["pt", "en"]
            },
            "company": {
                "name": "Acme", "legal_name": "Acme Lda", "domain": "acme.pt", "url": "https://acme.pt",
                "description": "Industrial supplies", "timezone": -60, "phones": ["+351 210 000 000"], "emails": ["info@acme.pt"],
                "geolocation": { "country": "PT", "city": "Lisbon" },
                "metrics": { "employees": 120, "market_cap": 0, "raised": 2000000, "arr": 5400000 },
                "tags": ["b2b"]
            },
            "segments": ["customer", "vip"],
            "notepad": "Prefers email follow-ups."
        })
    }

    #[test]
    fn add_people_profile_posts_a_full_profile_unchanged() {
        let request: AddPeopleProfile =
            serde_json::from_value(json!({ "website_id": WEBSITE, "body": full_profile() }))
                .expect("every writable field");
        let parts = request.build().expect("builds");
        assert_eq!(parts.method, Method::Post, "adding is a POST");
        assert_eq!(
            parts.path,
            format!("/v1/website/{WEBSITE}/people/profile"),
            "the singular profile route"
        );
        assert_eq!(
            parts.body,
            Some(full_profile()),
            "every field goes out as given, nothing added"
        );
    }

    #[test]
    fn add_people_profile_needs_an_email() {
        let request = AddPeopleProfile::new(WEBSITE, PeopleProfileWrite::default());
        assert!(
            matches!(request.build(), Err(Error::InvalidInput { ref field, .. }) if field == "body.email"),
            "Crisp needs an email; the error names it"
        );
    }

    #[test]
    fn update_people_profile_patches_only_the_two_given_fields() {
        let request: UpdatePeopleProfile = serde_json::from_value(json!({
            "website_id": WEBSITE, "people_id": PEOPLE, "body": { "notepad": "Called back.", "segments": ["vip"] }
        }))
        .expect("a two-field edit");
        let parts = request.build().expect("builds");
        assert_eq!(
            parts.method,
            Method::Patch,
            "PATCH merges; PUT would wipe the rest"
        );
        assert_eq!(
            parts.path,
            format!("/v1/website/{WEBSITE}/people/profile/{PEOPLE}"),
            "the profile route"
        );
        assert_eq!(
            parts.body,
            Some(json!({ "segments": ["vip"], "notepad": "Called back." })),
            "only the edited fields"
        );
    }

    #[test]
    fn a_cleared_field_is_sent_as_null() {
        let request: UpdatePeopleProfile = serde_json::from_value(json!({
            "website_id": WEBSITE, "people_id": PEOPLE, "body": { "notepad": null }
        }))
        .expect("null clears");
        assert_eq!(request.body.notepad, Patch::Clear, "null reads as Clear");
        assert_eq!(
            request.build().ok().and_then(|parts| parts.body),
            Some(json!({ "notepad": null })),
            "and goes out as null"
        );
    }

    #[test]
    fn a_nested_clear_and_a_nested_set_go_out_exactly_and_nothing_else() {
        let request: UpdatePeopleProfile = serde_json::from_value(json!({
            "website_id": WEBSITE, "people_id": PEOPLE,
            "body": { "person": { "phone": null }, "company": { "metrics": { "employees": 130 } } }
        }))
        .expect("the edit form's body for a cleared phone and a new head count");
        let person = request.body.person.as_set().expect("person is edited");
        assert_eq!(
            person.phone,
            Patch::Clear,
            "a nested null must read as Clear, not as unset"
        );
        assert!(
            person.nickname.is_keep(),
            "an absent nested field must read as Keep"
        );
        assert_eq!(
            request.build().ok().and_then(|parts| parts.body),
            Some(json!({ "person": { "phone": null }, "company": { "metrics": { "employees": 130 } } })),
            "the nested null reaches Crisp, the nested value is set, and unchanged fields stay off the wire"
        );
    }

    #[test]
    fn a_nested_patch_refuses_unknown_fields() {
        let typo: std::result::Result<UpdatePeopleProfile, _> = serde_json::from_value(json!({
            "website_id": WEBSITE, "people_id": PEOPLE, "body": { "person": { "phnoe": null } }
        }));
        assert!(
            typo.is_err(),
            "a misspelt nested field is refused, not silently dropped"
        );
    }

    #[test]
    fn a_read_person_becomes_a_patch_that_sets_what_it_gives_and_keeps_the_rest() {
        let person = Person {
            nickname: Some("Ana Costa".to_owned()),
            ..Person::default()
        };
        let body = serde_json::to_value(PersonPatch::from(person)).expect("serializable");
        assert_eq!(
            body,
            json!({ "nickname": "Ana Costa" }),
            "unset read fields must keep, never clear"
        );
    }

    #[test]
    fn get_and_remove_people_profile_encode_an_email_id() {
        let get = GetPeopleProfile::new(WEBSITE, PEOPLE)
            .build()
            .expect("builds");
        assert_eq!(
            (get.method, get.path.clone()),
            (
                Method::Get,
                format!("/v1/website/{WEBSITE}/people/profile/{PEOPLE}")
            ),
            "get"
        );
        let remove = RemovePeopleProfile::new(WEBSITE, "ana+x@example.com/../")
            .build()
            .expect("builds");
        assert_eq!(remove.method, Method::Delete, "removal is a DELETE");
        assert_eq!(
            remove.path,
            format!("/v1/website/{WEBSITE}/people/profile/ana+x@example.com%2F..%2F"),
            "an ID can never leave its path segment"
        );
    }

    #[test]
    fn an_email_people_id_goes_into_the_path_verbatim_as_the_official_clients_send_it() {
        let email = "ana.costa+vip@example.com";
        let expected = format!("/v1/website/{WEBSITE}/people/profile/{email}");
        let get = GetPeopleProfile::new(WEBSITE, email)
            .build()
            .expect("builds");
        let update = UpdatePeopleProfile::new(WEBSITE, email, PeopleProfilePatch::default())
            .build()
            .expect("builds");
        let remove = RemovePeopleProfile::new(WEBSITE, email)
            .build()
            .expect("builds");
        for (operation, parts) in [("get", get), ("update", update), ("remove", remove)] {
            assert_eq!(
                parts.path, expected,
                "{operation}: Crisp's Node, PHP, Go and Python clients put an email People ID in the path as typed \
                 (`@` and `+` literal), so ours does too"
            );
        }
    }

    #[test]
    fn list_people_profiles_refuses_a_per_page_outside_20_to_50_before_sending() {
        for size in [0, 19, 51, 60] {
            let mut request = ListPeopleProfiles::new(WEBSITE);
            request.per_page = Some(size);
            assert!(
                matches!(request.build(), Err(Error::InvalidInput { ref field, .. }) if field == "per_page"),
                "Crisp takes 20-50 per page, so {size} must be refused at per_page, never sent"
            );
        }
    }

    #[test]
    fn list_people_profiles_matches_the_contract_example_and_sends_every_parameter() {
        let request: ListPeopleProfiles = serde_json::from_value(json!({
            "website_id": WEBSITE, "per_page": 50, "sort_field": "nickname", "sort_order": "ascending", "search_text": "acme"
        }))
        .expect("the contract's list example");
        let parts = request.build().expect("builds");
        assert_eq!(
            parts.path,
            format!("/v1/website/{WEBSITE}/people/profiles/1"),
            "plural route, page in the path"
        );
        let expected: Vec<(String, String)> = [
            ("per_page", "50"),
            ("sort_field", "nickname"),
            ("sort_order", "ascending"),
            ("search_text", "acme"),
        ]
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect();
        assert_eq!(parts.query, expected, "the contract's query, in order");
        let request: ListPeopleProfiles = serde_json::from_value(json!({
            "website_id": WEBSITE, "page": 2, "search_operator": "or",
            "search_filter": [{ "model": "people", "criterion": "email", "operator": "eq", "query": ["ana@example.com"] }],
            "filter_date_start": "2024-07-01T00:00:00.000Z", "filter_date_end": "2024-08-01T00:00:00.000Z", "limit": 70
        }))
        .expect("the other parameters");
        let parts = request.build().expect("builds");
        let names: Vec<&str> = parts.query.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(
            names,
            [
                "search_operator",
                "search_filter",
                "filter_date_start",
                "filter_date_end"
            ],
            "limit stays local"
        );
        assert!(
            parts.query[1].1.starts_with("[{\"model\":\"people\""),
            "search_filter is one JSON parameter"
        );
    }
}
