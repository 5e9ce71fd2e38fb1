//! The Crisp API routes, one module per domain word, all under `/v1`.

mod batch;
mod conversations;
mod messages;
mod operators;
mod people;
mod visitors;
mod websites;

use std::sync::Arc;

use axum::routing::{delete, get, head, patch, post};
use axum::Router;

use crate::state::Shared;

/// Every `/v1` route the sandbox serves (GET routes also answer HEAD, without a body).
pub fn api() -> Router<Arc<Shared>> {
    const SITE: &str = "/v1/website/{website_id}";
    const CONVERSATION: &str = "/v1/website/{website_id}/conversation/{session_id}";
    Router::new()
        .route(
            "/v1/website",
            head(websites::check_exists).post(websites::create),
        )
        .route(SITE, get(websites::get).delete(websites::delete))
        .route(&format!("{SITE}/expunge"), delete(websites::abort_deletion))
        .route(&format!("{SITE}/conversation"), post(conversations::create))
        .route(
            &format!("{SITE}/conversations/{{page_number}}"),
            get(conversations::search),
        )
        .route(
            CONVERSATION,
            get(conversations::get).delete(conversations::remove),
        )
        .route(
            &format!("{CONVERSATION}/initiate"),
            post(conversations::initiate),
        )
        .route(
            &format!("{CONVERSATION}/state"),
            get(conversations::get_state).patch(conversations::change_state),
        )
        .route(
            &format!("{CONVERSATION}/meta"),
            get(conversations::get_meta).patch(conversations::update_meta),
        )
        .route(
            &format!("{CONVERSATION}/read"),
            patch(conversations::mark_read),
        )
        .route(
            &format!("{CONVERSATION}/delivered"),
            patch(conversations::mark_delivered),
        )
        .route(
            &format!("{CONVERSATION}/unread"),
            patch(conversations::mark_unread),
        )
        .route(
            &format!("{CONVERSATION}/routing"),
            get(conversations::get_routing).patch(conversations::assign),
        )
        .route(&format!("{SITE}/batch/resolve"), patch(batch::resolve))
        .route(&format!("{SITE}/batch/unresolve"), patch(batch::unresolve))
        .route(&format!("{SITE}/batch/read"), patch(batch::read))
        .route(&format!("{SITE}/batch/unread"), patch(batch::unread))
        .route(&format!("{SITE}/batch/remove"), patch(batch::remove))
        .route(&format!("{SITE}/batch/routing"), patch(batch::routing))
        .route(&format!("{CONVERSATION}/messages"), get(messages::list))
        .route(&format!("{CONVERSATION}/message"), post(messages::send))
        .route(
            &format!("{CONVERSATION}/message/{{fingerprint}}"),
            get(messages::get)
                .patch(messages::update)
                .delete(messages::remove),
        )
        .route(&format!("{SITE}/people/profile"), post(people::add))
        .route(
            &format!("{SITE}/people/profile/{{people_id}}"),
            get(people::get)
                .patch(people::update)
                .put(people::save)
                .delete(people::remove),
        )
        .route(
            &format!("{SITE}/people/profiles/{{page_number}}"),
            get(people::list),
        )
        .route(&format!("{SITE}/people/stats"), get(people::stats))
        .route(
            &format!("{SITE}/people/conversations/{{people_id}}/list/{{page_number}}"),
            get(people::conversations),
        )
        .route(&format!("{SITE}/visitors/count"), get(visitors::count))
        .route(
            &format!("{SITE}/visitors/list/{{page_number}}"),
            get(visitors::list),
        )
        .route(&format!("{SITE}/operators/list"), get(operators::list))
        .route(&format!("{SITE}/operators/active"), get(operators::active))
        .route(&format!("{SITE}/operator/{{user_id}}"), get(operators::get))
        .route(
            &format!("{SITE}/availability/status"),
            get(operators::availability),
        )
        .route(
            &format!("{SITE}/availability/operators"),
            get(operators::availabilities),
        )
}
