//! Opening links from visitor content: only http(s) URLs, only in the system browser.

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
}
