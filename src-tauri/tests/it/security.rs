//! The window's security settings: a strict CSP, capabilities limited to what the app uses, no shell or fs plugin.

use serde_json::Value;

fn read_json(path: &str) -> Value {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let text =
        std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full} must be readable: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{full} must be JSON: {e}"))
}

#[test]
fn the_csp_allows_no_remote_or_inline_scripts_and_images_only_from_https_and_data() {
    let config = read_json("tauri.conf.json");
    let csp = &config["app"]["security"]["csp"];
    assert_eq!(
        csp["script-src"], "'self'",
        "scripts come only from the app itself, never inline or remote"
    );
    assert_eq!(
        csp["default-src"], "'self'",
        "anything not listed falls back to the app itself"
    );
    assert_eq!(
        csp["img-src"], "'self' https: data:",
        "avatars load from https and data: URLs only"
    );
    assert_eq!(
        csp["media-src"], "'self' https:",
        "audio and animation messages play from https URLs only"
    );
    assert_eq!(csp["object-src"], "'none'", "no plugins or embeds");
    assert_eq!(
        csp["connect-src"], "ipc: http://ipc.localhost",
        "the page talks only to the app's IPC, never to Crisp"
    );
}

#[test]
fn capabilities_grant_nothing_beyond_the_app_commands() {
    let capability = read_json("capabilities/default.json");
    assert_eq!(
        capability["windows"],
        serde_json::json!(["main"]),
        "one window, the main one"
    );
    assert_eq!(
        capability["permissions"],
        serde_json::json!(["core:event:allow-listen", "core:event:allow-unlisten"]),
        "the UI uses app commands and channels (no permission) and listens to the watcher's event; nothing else"
    );
}

#[test]
fn no_shell_or_fs_plugin_is_linked() {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .expect("readable");
    for plugin in [
        "tauri-plugin-shell",
        "tauri-plugin-fs",
        "tauri-plugin-opener",
    ] {
        assert!(
            !manifest.contains(plugin),
            "{plugin} is not needed: links open through open_external_link"
        );
    }
}
