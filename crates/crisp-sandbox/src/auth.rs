//! Token and tier checks of every matched `/v1` route (see `conventions` for the answers chosen).

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;

use crate::conventions;
use crate::envelope::ApiError;
use crate::state::Shared;
use crate::Tier;

/// Who is calling, for the handlers that care.
#[derive(Debug, Clone, Copy)]
pub struct Caller {
    /// The token's tier.
    pub tier: Tier,
}

impl Caller {
    /// Refuses tiers other than `user` (401 `restricted_route_tier`).
    pub fn require_user(self) -> Result<(), ApiError> {
        if self.tier == Tier::User {
            Ok(())
        } else {
            Err(ApiError::new(
                conventions::RESTRICTED_ROUTE_TIER,
                format!("this route is not available to the {} tier", self.tier),
            ))
        }
    }
}

/// Middleware: checks the keypair, the tier header and the website, then runs the route.
pub async fn check(
    State(shared): State<Arc<Shared>>,
    mut request: Request,
    next: Next,
) -> Response {
    match authorize(&shared, &request) {
        Ok(caller) => {
            request.extensions_mut().insert(caller);
            next.run(request).await
        }
        Err(error) => error.into_response(),
    }
}

fn authorize(shared: &Shared, request: &Request) -> Result<Caller, ApiError> {
    let unknown = || {
        ApiError::new(
            conventions::INVALID_SESSION,
            "the keypair is unknown or expired",
        )
    };
    let header = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .ok_or_else(unknown)?;
    let (scheme, encoded) = header.split_once(' ').ok_or_else(unknown)?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(unknown());
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .map_err(|_| unknown())?;
    let decoded = String::from_utf8(decoded).map_err(|_| unknown())?;
    let (identifier, key) = decoded.split_once(':').ok_or_else(unknown)?;
    let credentials = &shared.credentials;
    if identifier != credentials.identifier || key != credentials.key {
        return Err(unknown());
    }
    let tier = request
        .headers()
        .get("x-crisp-tier")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("user");
    if tier != credentials.tier.as_str() {
        return Err(ApiError::new(
            conventions::RESTRICTED_ROUTE_TIER,
            format!(
                "this token belongs to the {} tier, not {tier:?}",
                credentials.tier
            ),
        ));
    }
    let caller = Caller {
        tier: credentials.tier,
    };
    check_website(shared, caller, request.uri().path())?;
    Ok(caller)
}

/// `/v1/website/{website_id}/...` must name the sandbox's website (or, for the website routes themselves, one
/// created through the API).
fn check_website(shared: &Shared, caller: Caller, path: &str) -> Result<(), ApiError> {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let (Some(&"website"), Some(website_id)) = (segments.get(1), segments.get(2)) else {
        return Ok(());
    };
    if segments[2..] == ["connect", "endpoints"] {
        // `GET /v1/website/connect/endpoints` names no website.
        return Ok(());
    }
    let rest = &segments[3..];
    let store = shared.read();
    if *website_id == store.website.website_id {
        if caller.tier != Tier::User && !shared.settings().subscribed {
            return Err(ApiError::new(
                conventions::NOT_SUBSCRIBED,
                "the plugin is not subscribed to this website",
            ));
        }
        return Ok(());
    }
    let created = store
        .created_websites
        .iter()
        .any(|website| website.website_id == *website_id);
    if created {
        return if rest.is_empty() || rest == ["expunge"] {
            Ok(())
        } else {
            Err(ApiError::new(
                conventions::NOT_ALLOWED,
                "the sandbox holds data for its seeded website only",
            ))
        };
    }
    Err(match caller.tier {
        Tier::User => ApiError::new(
            conventions::NOT_ALLOWED,
            "the token cannot access this website",
        ),
        Tier::Plugin | Tier::Website => ApiError::new(
            conventions::NOT_SUBSCRIBED,
            "the token is not subscribed to this website",
        ),
    })
}
