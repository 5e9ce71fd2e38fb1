//! Websites: check by domain, get, create and delete.

pub mod requests;
pub mod types;

pub use requests::*;
pub use types::*;

use crate::client::Client;
use crate::error::Result;
use crate::request::Empty;

/// Website operations: `client.websites().<operation>(&request)`.
#[derive(Debug, Clone, Copy)]
pub struct Websites<'a> {
    client: &'a Client,
}

impl Websites<'_> {
    /// Whether a website has that domain (`check_website_exists`).
    pub async fn exists(&self, request: &CheckWebsiteExists) -> Result<WebsiteExists> {
        self.client.send(request).await
    }

    /// The website (`get_website`).
    pub async fn get(&self, request: &GetWebsite) -> Result<Website> {
        self.client.send(request).await
    }

    /// Creates a website (`create_website`).
    pub async fn create(&self, request: &CreateWebsite) -> Result<Website> {
        self.client.send(request).await
    }

    /// Schedules the website's deletion (`delete_website`).
    pub async fn delete(&self, request: &DeleteWebsite) -> Result<Empty> {
        self.client.send(request).await
    }
}

impl Client {
    /// Website operations.
    pub fn websites(&self) -> Websites<'_> {
        Websites { client: self }
    }
}
