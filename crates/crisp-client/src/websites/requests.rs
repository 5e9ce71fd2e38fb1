//! Website requests (§3.12 of the contract).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::types::{Website, WebsiteExists};
use crate::envelope;
use crate::envelope::Response;
use crate::error::{Error, Result};
use crate::path;
use crate::request::{input, Empty, Method, Request, RequestParts};

input! {
    /// `HEAD /v1/website?domain={domain}`: whether a website with that domain exists (200 yes, 404 no; any other
    /// status is an error, since 401/403 mean "cannot tell").
    pub struct CheckWebsiteExists {
        /// The bare domain, without scheme (`acme.pt`).
        pub domain: String,
    }
}

impl CheckWebsiteExists {
    /// Checks `domain`.
    pub fn new(domain: impl Into<String>) -> Self {
        CheckWebsiteExists {
            domain: domain.into(),
        }
    }
}

impl Request for CheckWebsiteExists {
    type Output = WebsiteExists;
    fn build(&self) -> Result<RequestParts> {
        if self.domain.trim().is_empty() {
            return Err(Error::invalid("domain", "must not be empty"));
        }
        Ok(RequestParts::new(Method::Head, "/v1/website").query("domain", &self.domain))
    }

    fn interpret(response: Response) -> Result<WebsiteExists> {
        match response.status {
            200..=299 => Ok(WebsiteExists { exists: true }),
            404 => Ok(WebsiteExists { exists: false }),
            _ => Err(envelope::error_of(&response)),
        }
    }
}

input! {
    /// `GET /v1/website/{website_id}`: the website.
    pub struct GetWebsite {
        /// The workspace.
        pub website_id: String,
    }
}

impl GetWebsite {
    /// Website `website_id`.
    pub fn new(website_id: impl Into<String>) -> Self {
        GetWebsite {
            website_id: website_id.into(),
        }
    }
}

impl Request for GetWebsite {
    type Output = Website;
    fn build(&self) -> Result<RequestParts> {
        Ok(RequestParts::get(path::website(&self.website_id)?))
    }
}

input! {
    /// Body of [`CreateWebsite`].
    pub struct CreateWebsiteBody {
        /// Name.
        pub name: String,
        /// Domain (`acme.pt`).
        pub domain: String,
    }
}

input! {
    /// `POST /v1/website`: creates a website (user tier only; Crisp refuses other tiers).
    pub struct CreateWebsite {
        /// `{ name, domain }`.
        pub body: CreateWebsiteBody,
    }
}

impl CreateWebsite {
    /// A website called `name` at `domain`.
    pub fn new(name: impl Into<String>, domain: impl Into<String>) -> Self {
        CreateWebsite {
            body: CreateWebsiteBody {
                name: name.into(),
                domain: domain.into(),
            },
        }
    }
}

impl Request for CreateWebsite {
    type Output = Website;
    fn build(&self) -> Result<RequestParts> {
        RequestParts::new(Method::Post, "/v1/website").json(&self.body)
    }
}

/// The second factor that confirms a website deletion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum VerifyMethod {
    /// The account password.
    Password,
    /// A two-factor token.
    Token,
    /// A Google sign-in.
    Google,
}

/// `{ method, secret }`; the secret is redacted in `Debug` and never logged.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct DeleteWebsiteVerify {
    /// Which second factor.
    pub method: VerifyMethod,
    /// Its value.
    pub secret: String,
}

impl fmt::Debug for DeleteWebsiteVerify {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeleteWebsiteVerify")
            .field("method", &self.method)
            .field("secret", &"<redacted>")
            .finish()
    }
}

input! {
    /// Body of [`DeleteWebsite`].
    pub struct DeleteWebsiteBody {
        /// The confirmation.
        pub verify: DeleteWebsiteVerify,
    }
}

input! {
    /// `DELETE /v1/website/{website_id}` with a `{ verify }` body: schedules the website's deletion (user tier only).
    pub struct DeleteWebsite {
        /// The workspace.
        pub website_id: String,
        /// `{ verify: { method, secret } }`.
        pub body: DeleteWebsiteBody,
    }
}

impl DeleteWebsite {
    /// Deletes `website_id`, confirmed by `method` and `secret`.
    pub fn new(
        website_id: impl Into<String>,
        method: VerifyMethod,
        secret: impl Into<String>,
    ) -> Self {
        DeleteWebsite {
            website_id: website_id.into(),
            body: DeleteWebsiteBody {
                verify: DeleteWebsiteVerify {
                    method,
                    secret: secret.into(),
                },
            },
        }
    }
}

impl Request for DeleteWebsite {
    type Output = Empty;
    fn build(&self) -> Result<RequestParts> {
        if self.body.verify.secret.is_empty() {
            return Err(Error::invalid("body.verify.secret", "must not be empty"));
        }
        RequestParts::new(Method::Delete, path::website(&self.website_id)?).json(&self.body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn check_website_exists_is_a_head_with_the_domain_in_the_query() {
        let parts = CheckWebsiteExists::new("acme.pt").build().expect("builds");
        assert_eq!(
            (parts.method, parts.path.as_str()),
            (Method::Head, "/v1/website"),
            "HEAD on the website route"
        );
        assert_eq!(
            parts.query,
            [("domain".to_owned(), "acme.pt".to_owned())],
            "the bare domain"
        );
    }

    #[test]
    fn check_website_exists_is_answered_by_status_alone() {
        let answer = |status| CheckWebsiteExists::interpret(Response::new(status, ""));
        assert_eq!(
            answer(200),
            Ok(WebsiteExists { exists: true }),
            "200 means it exists"
        );
        assert_eq!(
            answer(404),
            Ok(WebsiteExists { exists: false }),
            "404 means it does not"
        );
        assert!(
            matches!(answer(401), Err(Error::Api { status: 401, .. })),
            "401 means cannot tell, an error"
        );
    }

    #[test]
    fn get_create_and_delete_website_match_the_contract() {
        let get = GetWebsite::new("3f2b9c1e").build().expect("builds");
        assert_eq!(
            (get.method, get.path.as_str()),
            (Method::Get, "/v1/website/3f2b9c1e"),
            "get"
        );
        let create: CreateWebsite = serde_json::from_value(
            json!({ "body": { "name": "Acme Support", "domain": "acme.pt" } }),
        )
        .expect("decodes");
        let parts = create.build().expect("builds");
        assert_eq!(
            (parts.method, parts.path.as_str()),
            (Method::Post, "/v1/website"),
            "create"
        );
        assert_eq!(
            parts.body,
            Some(json!({ "name": "Acme Support", "domain": "acme.pt" })),
            "name and domain"
        );
        let delete: DeleteWebsite = serde_json::from_value(json!({ "website_id": "3f2b9c1e",
            "body": { "verify": { "method": "password", "secret": "correct horse battery staple" } } }))
        .expect("decodes");
        let parts = delete.build().expect("builds");
        assert_eq!(
            (parts.method, parts.path.as_str()),
            (Method::Delete, "/v1/website/3f2b9c1e"),
            "delete"
        );
        assert_eq!(
            parts.body,
            Some(
                json!({ "verify": { "method": "password", "secret": "correct horse battery staple" } })
            ),
            "a DELETE with a verify body"
        );
        assert!(
            !format!("{delete:?}").contains("correct horse"),
            "the secret is redacted in Debug"
        );
        for method in ["token", "google"] {
            let other = serde_json::from_value::<DeleteWebsite>(
                json!({ "website_id": "w", "body": { "verify": { "method": method, "secret": "x" } } }),
            );
            assert!(other.is_ok(), "{method} is a verify method");
        }
    }
}
