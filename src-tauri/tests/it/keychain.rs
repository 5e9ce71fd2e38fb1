//! One round trip through a real Secret Service. Ignored by default: `scripts/test-keychain.sh` runs it inside a
//! private D-Bus session with an unlocked gnome-keyring.

use crisp_desk_lib::connections::keychain::Keychain;
use crisp_desk_lib::connections::ConnectionSummary;
use crisp_sandbox::Tier;
use secrecy::ExposeSecret;
use serde_json::{json, Value};

use crate::support::{block_on, files_containing, form, sandbox, TestApp};

#[test]
#[ignore = "needs a Secret Service: run scripts/test-keychain.sh"]
fn a_connection_key_round_trips_through_the_real_secret_service_keychain() {
    let app = TestApp::new(Keychain::secret_service());
    let server = sandbox(Tier::User);
    let info = server.info();

    let saved: ConnectionSummary = app.ok(
        "save_connection",
        json!({ "request": form(&info, &info.key, "user") }),
    );
    let stored = block_on(app.state().keychain().key(saved.id.as_str()))
        .expect("the Secret Service answers")
        .expect("the key was stored");
    assert_eq!(
        stored.expose_secret(),
        info.key,
        "the app's store reads back the key it saved"
    );
    let website: Value = app.ok(
        "get_website",
        json!({ "connection": saved.id, "request": { "website_id": info.website_id } }),
    );
    assert_eq!(
        website["website_id"],
        json!(info.website_id),
        "a command runs with the key from the keychain"
    );

    for dir in [app.config.path(), app.data.path()] {
        assert!(
            files_containing(dir, &info.key).is_empty(),
            "no file under {} holds the key",
            dir.display()
        );
    }

    let _: Value = app.ok("delete_connection", json!({ "connection": saved.id }));
    let after = block_on(app.state().keychain().key(saved.id.as_str()))
        .expect("the Secret Service answers");
    assert!(
        after.is_none(),
        "deleting the connection deletes its keychain entry"
    );
}
