//! The shared state behind every handler and the router that ties the Crisp API, the faults and request log,
//! and the control API together.

use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use axum::middleware::from_fn_with_state;
use axum::Router;

use crate::control::Control;
use crate::envelope::ApiError;
use crate::store::Store;
use crate::{auth, control, routes, Tier};

/// The token the sandbox accepts.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// Token identifier.
    pub identifier: String,
    /// Token key.
    pub key: String,
    /// Token tier.
    pub tier: Tier,
}

/// State shared by every request.
#[derive(Debug)]
pub struct Shared {
    /// The accepted token.
    pub credentials: Credentials,
    /// Faults, request log and settings.
    pub control: Control,
    store: RwLock<Store>,
}

impl Shared {
    /// Wraps a seeded store.
    pub fn new(credentials: Credentials, store: Store) -> Self {
        Self {
            credentials,
            control: Control::new(),
            store: RwLock::new(store),
        }
    }

    /// Reads the store. A panic while writing cannot leave it half-changed in a way that matters to a
    /// test double, so a poisoned lock is taken over.
    pub fn read(&self) -> RwLockReadGuard<'_, Store> {
        self.store
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Changes the store.
    pub fn write(&self) -> RwLockWriteGuard<'_, Store> {
        self.store
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Answers 404 `not_found` "the route does not exist".
pub async fn no_route() -> ApiError {
    ApiError::no_route()
}

/// The whole service: `/v1` behind auth, faults and the request log; `/_sandbox` beside it.
pub fn router(shared: Arc<Shared>) -> Router {
    routes::api()
        .method_not_allowed_fallback(no_route)
        .route_layer(from_fn_with_state(shared.clone(), auth::check))
        .fallback(no_route)
        .layer(from_fn_with_state(shared.clone(), control::intercept))
        .nest("/_sandbox", control::router(shared.clone()))
        .with_state(shared)
}
