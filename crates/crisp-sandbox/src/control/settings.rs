//! `/_sandbox/settings`: the subscription of plugin and website tokens, and the website delete secret.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;

use super::reply::{parse, ControlError};
use crate::state::{Settings, Shared};

/// The `/_sandbox/settings` routes.
pub fn routes() -> Router<Arc<Shared>> {
    Router::new().route("/settings", get(get_settings).post(change_settings))
}

async fn get_settings(State(shared): State<Arc<Shared>>) -> Json<Settings> {
    Json(shared.settings())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsChange {
    subscribed: Option<bool>,
    delete_secret: Option<String>,
}

async fn change_settings(
    State(shared): State<Arc<Shared>>,
    bytes: Bytes,
) -> Result<Json<Settings>, ControlError> {
    let change: SettingsChange = parse(&bytes)?;
    Ok(Json(shared.change_settings(|settings| {
        if let Some(subscribed) = change.subscribed {
            settings.subscribed = subscribed;
        }
        if let Some(secret) = change.delete_secret {
            settings.delete_secret = secret;
        }
    })))
}
