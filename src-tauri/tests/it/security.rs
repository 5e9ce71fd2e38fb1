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
        "remote images load from https only, and the UI asks for them only after Show images"
    );
    assert_eq!(
        csp["media-src"], "'self' https:",
        "audio messages play from https only, and the UI asks for them only after Show images"
    );
    assert_eq!(csp["object-src"], "'none'", "no plugins or embeds");
    assert_eq!(
        csp["connect-src"], "ipc: http://ipc.localhost",
        "the page talks only to the app's IPC, never to Crisp"
    );
}

/// Sources that reach a host other than the app and its IPC.
fn remote_sources(sources: &str) -> Vec<&str> {
    sources
        .split_whitespace()
        .filter(|source| {
            !source.starts_with('\'')
                && !matches!(
                    *source,
                    "data:"
                        | "ipc:"
                        | "http://ipc.localhost"
                        | "http://localhost:1420"
                        | "ws://localhost:1420"
                )
        })
        .collect()
}

/// The CSP cannot change per conversation, so `https:` stays in `img-src`/`media-src` for "Show images"; what keeps
/// a visitor's server from learning when a message is read is the thread never creating an image, audio or
/// avatar element with a remote `src` before that choice. That half is pinned by a screen test, checked to exist
/// here so neither half goes without the other.
#[test]
fn only_images_and_media_may_reach_a_remote_host_and_the_ui_asks_for_them_only_after_show_images() {
    let config = read_json("tauri.conf.json");
    for name in ["csp", "devCsp"] {
        let policy = config["app"]["security"][name]
            .as_object()
            .unwrap_or_else(|| panic!("{name} must be a directive map"));
        for (directive, sources) in policy {
            let remote = remote_sources(sources.as_str().unwrap_or_default());
            let allowed: &[&str] = match directive.as_str() {
                "img-src" | "media-src" => &["https:"],
                _ => &[],
            };
            assert!(
                remote.iter().all(|source| allowed.contains(source)),
                "{name} {directive} reaches {remote:?}: only images and media may load from https, nothing from http \
                 or a named host, so a visitor's content has no other way to call home"
            );
        }
        for directive in ["img-src", "media-src"] {
            assert_eq!(
                policy.get(directive),
                Some(&config["app"]["security"]["csp"][directive]),
                "{name} {directive}: development loads images and media as the built app does"
            );
        }
    }
    let spec = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../ui/playwright/untrusted.spec.ts"
    ))
    .expect("the untrusted-content screen tests are readable");
    assert!(
        spec.contains("are requested only after Show images for it"),
        "the screen test that proves no remote image, audio or avatar is requested before Show images must exist"
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
        "the UI uses app commands and channels (no permission) and listens to the monitor's event; nothing else"
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
