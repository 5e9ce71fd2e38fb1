//! §3.12 websites: exists by domain, get, create, delete (scheduled) and abort deletion.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Extension;

use crate::auth::Caller;
use crate::conventions::{self, reasons};
use crate::envelope::{Answer, ApiError, Done};
use crate::params::{Body, Fields, Ids, Query};
use crate::seed;
use crate::state::Shared;
use crate::store::Website;

/// `HEAD /v1/website?domain=`: 200 when a website has that domain, 404 when none (no body either way).
pub async fn check_exists(
    State(shared): State<Arc<Shared>>,
    query: Query,
) -> Result<StatusCode, ApiError> {
    let domain = query
        .text("domain")
        .ok_or_else(|| ApiError::required("query", "domain"))?
        .to_lowercase();
    let store = shared.read();
    let found = std::iter::once(&store.website)
        .chain(&store.created_websites)
        .any(|website| website.domain.eq_ignore_ascii_case(&domain));
    if found {
        Ok(StatusCode::OK)
    } else {
        Err(ApiError::not_found("the website"))
    }
}

/// `GET /v1/website/{website_id}`.
pub async fn get(State(shared): State<Arc<Shared>>, ids: Ids) -> Answer {
    let store = shared.read();
    let website_id = ids.get("website_id");
    let website = std::iter::once(&store.website)
        .chain(&store.created_websites)
        .find(|website| website.website_id == website_id)
        .ok_or_else(|| ApiError::not_found("the website"))?;
    Ok(Done::data(reasons::RESOLVED, website.to_json()))
}

/// `POST /v1/website` (user tier only): `{ name, domain }`.
pub async fn create(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    Body(body): Body,
) -> Answer {
    caller.require_user()?;
    let fields = Fields::new(&body, "data");
    let name = fields.required_str("name")?.trim().to_owned();
    let domain = fields.required_str("domain")?.trim().to_lowercase();
    if name.is_empty() {
        return Err(ApiError::invalid(
            "data.name should NOT be shorter than 1 characters",
        ));
    }
    let hostname = domain.contains('.')
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && domain.split('.').all(|part| !part.is_empty());
    if !hostname {
        return Err(ApiError::invalid(
            "data.domain should match format \"hostname\"",
        ));
    }
    let mut store = shared.write();
    let website = Website {
        website_id: seed::uuid(&mut store.rng),
        name,
        domain,
        logo: String::new(),
        verified: false,
        deletion_scheduled: false,
    };
    let data = website.to_json();
    store.created_websites.push(website);
    Ok(Done::data(reasons::ADDED, data))
}

/// `DELETE /v1/website/{website_id}` (user tier only): `{ verify: { method, secret } }` schedules deletion.
pub async fn delete(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    ids: Ids,
    Body(body): Body,
) -> Answer {
    caller.require_user()?;
    let fields = Fields::new(&body, "data");
    let verify = fields
        .object("verify")?
        .ok_or_else(|| ApiError::required("data", "verify"))?;
    let method = verify.required_str("method")?;
    if !["password", "token", "google"].contains(&method) {
        return Err(ApiError::invalid(
            "data.verify.method should be equal to one of the allowed values: password, token, google",
        ));
    }
    let secret = verify.required_str("secret")?;
    if secret != shared.settings().delete_secret {
        return Err(ApiError::new(
            conventions::NOT_ALLOWED,
            "the verification secret is wrong",
        ));
    }
    let mut store = shared.write();
    let website_id = ids.get("website_id");
    let website = store
        .website_mut(website_id)
        .ok_or_else(|| ApiError::not_found("the website"))?;
    website.deletion_scheduled = true;
    Ok(Done::empty(reasons::DELETED))
}

/// `DELETE /v1/website/{website_id}/expunge` (user tier only): aborts a scheduled deletion.
pub async fn abort_deletion(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    ids: Ids,
) -> Answer {
    caller.require_user()?;
    let mut store = shared.write();
    let website_id = ids.get("website_id");
    let website = store
        .website_mut(website_id)
        .ok_or_else(|| ApiError::not_found("the website"))?;
    website.deletion_scheduled = false;
    Ok(Done::empty(reasons::UPDATED))
}
