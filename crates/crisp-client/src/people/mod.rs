//! People: add, get, update (PATCH), remove and list profiles.

pub mod patch;
pub mod requests;
pub mod rules;
pub mod types;

pub use patch::*;
pub use requests::*;
pub use types::*;

use crate::client::Client;
use crate::error::Result;
use crate::request::Empty;

/// People profile operations: `client.people().<operation>(&request)`.
#[derive(Debug, Clone, Copy)]
pub struct People<'a> {
    client: &'a Client,
}

impl People<'_> {
    /// Adds a profile (`add_people_profile`).
    pub async fn add(&self, request: &AddPeopleProfile) -> Result<AddedPeopleProfile> {
        self.client.send(request).await
    }

    /// One profile (`get_people_profile`).
    pub async fn get(&self, request: &GetPeopleProfile) -> Result<PeopleProfile> {
        self.client.send(request).await
    }

    /// Changes only the given fields (`update_people_profile`).
    pub async fn update(&self, request: &UpdatePeopleProfile) -> Result<Empty> {
        self.client.send(request).await
    }

    /// Removes a profile (`remove_people_profile`).
    pub async fn remove(&self, request: &RemovePeopleProfile) -> Result<Empty> {
        self.client.send(request).await
    }

    /// One page of profiles (`list_people_profiles`).
    pub async fn list(&self, request: &ListPeopleProfiles) -> Result<Vec<PeopleProfile>> {
        self.client.send(request).await
    }
}

impl Client {
    /// People profile operations.
    pub fn people(&self) -> People<'_> {
        People { client: self }
    }
}
