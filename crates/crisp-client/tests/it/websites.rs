//! Websites: exists by domain, get, create and delete; the user-only routes refuse other tiers.

use crisp_client::websites::{
    CheckWebsiteExists, CreateWebsite, DeleteWebsite, GetWebsite, VerifyMethod,
};
use crisp_client::Error;
use crisp_sandbox::{conventions, SandboxConfig, Tier};

use crate::support::World;

#[tokio::test]
async fn a_website_is_found_by_domain_and_can_be_created_and_deleted() {
    let world = World::start().await;
    let client = &world.client;
    let website = client
        .send(&GetWebsite::new(world.website_id()))
        .await
        .expect("the seeded website");
    let domain = website.domain.expect("a domain");
    assert!(
        client
            .send(&CheckWebsiteExists::new(&domain))
            .await
            .expect("asked")
            .exists,
        "its domain exists"
    );
    assert!(
        !client
            .send(&CheckWebsiteExists::new("nowhere.invalid"))
            .await
            .expect("asked")
            .exists,
        "a 404 answers `does not exist`, it is no error"
    );

    let created = client
        .send(&CreateWebsite::new("Second Shop", "second.example"))
        .await
        .expect("created");
    let id = created.website_id.expect("a new website_id");
    assert!(
        client
            .send(&CheckWebsiteExists::new("second.example"))
            .await
            .expect("asked")
            .exists,
        "now it exists"
    );

    let wrong = client
        .send(&DeleteWebsite::new(
            &id,
            VerifyMethod::Password,
            "wrong secret",
        ))
        .await;
    assert!(
        matches!(wrong, Err(Error::Api { status: 403, .. })),
        "a wrong password is refused: {wrong:?}"
    );
    client
        .send(&DeleteWebsite::new(
            &id,
            VerifyMethod::Password,
            conventions::DEFAULT_DELETE_SECRET,
        ))
        .await
        .expect("deleted with the right password");
}

#[tokio::test]
async fn creating_a_website_needs_a_user_tier_token() {
    let world = World::start_with(SandboxConfig {
        tier: Tier::Plugin,
        ..SandboxConfig::default()
    })
    .await;
    let refused = world
        .client
        .send(&CreateWebsite::new("Plugin Shop", "plugin.example"))
        .await;
    assert!(
        matches!(refused, Err(Error::Api { status: 401, ref reason, .. }) if reason == "restricted_route_tier"),
        "POST /v1/website is user-tier only: {refused:?}"
    );
}
