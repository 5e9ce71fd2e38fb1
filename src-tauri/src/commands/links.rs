//! Opening links from visitor content: only http(s) URLs, only in the system browser. The window itself never
//! leaves the app: [`stays_in_app`] refuses any navigation away from the app's own origin.

use crate::error::{AppError, Result};

/// Opens `url` in the system browser when it is an http or https URL; refuses any other scheme (`file:`,
/// `javascript:`, custom handlers), since links in visitor content are untrusted.
#[tauri::command]
#[specta::specta]
pub async fn open_external_link(url: String) -> Result<(), AppError> {
    let url = checked_link(&url)?;
    let opened = std::process::Command::new("xdg-open")
        .arg(url.as_str())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match opened {
        Ok(mut child) => {
            // Reap the opener when it exits, so no zombie process is left behind.
            std::thread::spawn(move || child.wait());
            Ok(())
        }
        Err(e) => Err(AppError::internal(format!(
            "could not start the system browser (xdg-open): {e}"
        ))),
    }
}

/// `url` parsed, when it is an absolute http(s) URL with a host.
pub fn checked_link(url: &str) -> Result<url::Url> {
    let refused = || AppError::invalid("url", "Only http and https links can be opened.");
    let parsed = url::Url::parse(url.trim()).map_err(|_| refused())?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none_or(str::is_empty) {
        return Err(refused());
    }
    Ok(parsed)
}

/// Whether the window may navigate to `url`: only within the app's own origin (`tauri://localhost`, or
/// `http(s)://tauri.localhost` where Tauri serves the app over http), or the dev server's origin when `dev_url` is
/// given (debug builds). Everything else (a link in visitor content, a redirect, `file:`, `javascript:`) is refused;
/// web links open in the system browser through [`open_external_link`] instead.
pub fn stays_in_app(url: &url::Url, dev_url: Option<&url::Url>) -> bool {
    let app_origin = match url.scheme() {
        "tauri" => url.host_str() == Some("localhost") && url.port().is_none(),
        "http" | "https" => url.host_str() == Some("tauri.localhost") && url.port().is_none(),
        _ => false,
    };
    app_origin
        || dev_url.is_some_and(|dev| {
            matches!(dev.scheme(), "http" | "https") && url.origin() == dev.origin()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_links_are_accepted() {
        for good in ["https://crisp.chat/help", "http://example.com/a?b=c#d"] {
            assert!(
                checked_link(good).is_ok(),
                "{good} is a web link and may open in the browser"
            );
        }
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "mailto:a@b.c",
            "ssh://host",
            "https://",
            "/relative",
            "",
        ] {
            let error = checked_link(bad).expect_err("non-web links must never be opened");
            assert_eq!(
                error.field.as_deref(),
                Some("url"),
                "{bad} must be refused at the url field"
            );
        }
    }

    #[tokio::test]
    async fn the_command_refuses_other_schemes_without_starting_anything() {
        let error = open_external_link("file:///etc/passwd".into())
            .await
            .expect_err("a file link must be refused");
        assert_eq!(
            error.kind,
            crate::error::ErrorKind::InvalidInput,
            "the UI shows a refused link as bad input"
        );
    }

    #[test]
    fn the_window_stays_on_the_app_and_refuses_every_other_origin() {
        for own in [
            "tauri://localhost",
            "tauri://localhost/index.html#/conversations/s1",
            "http://tauri.localhost/",
            "https://tauri.localhost/assets/index.js",
        ] {
            let url = url::Url::parse(own).expect("valid URL");
            assert!(
                stays_in_app(&url, None),
                "{own} is the app's own origin and must load"
            );
        }
        for away in [
            "https://crisp.chat/",
            "http://localhost:1420/",
            "https://tauri.localhost.evil.example/",
            "http://tauri.localhost:8080/",
            "tauri://evil/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "about:blank",
        ] {
            let url = url::Url::parse(away).expect("valid URL");
            assert!(
                !stays_in_app(&url, None),
                "{away} is not the app: a built app must refuse to navigate there"
            );
        }
    }

    #[test]
    fn in_development_the_dev_server_origin_is_the_app_too() {
        let dev = url::Url::parse("http://localhost:1420").expect("valid URL");
        let page = url::Url::parse("http://localhost:1420/src/main.tsx").expect("valid URL");
        assert!(
            stays_in_app(&page, Some(&dev)),
            "the dev server serves the app in development"
        );
        for away in [
            "http://localhost:1421/",
            "https://localhost:1420/",
            "https://crisp.chat/",
        ] {
            let url = url::Url::parse(away).expect("valid URL");
            assert!(
                !stays_in_app(&url, Some(&dev)),
                "{away} is another origin than the dev server's and must be refused"
            );
        }
    }
}
