//! Desktop notifications behind a trait: the app plugs in the platform's notifier, tests a recording fake.

use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};

/// One desktop notification: new visitor messages in one conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Notification {
    /// The visitor's name (or "Visitor").
    pub title: String,
    /// The latest message's excerpt, with the number of others when there are more: plain text with markup
    /// escaped ([`escape_markup`]), as notification daemons that read markup in bodies must show it.
    pub body: String,
    /// The workspace.
    pub website_id: String,
    /// The conversation to open when the notification is clicked.
    pub session_id: String,
    /// The latest visitor message.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub fingerprint: i64,
    /// How many new visitor messages this notification stands for.
    pub messages: u32,
}

/// `text` for a notification body: plain text with the characters notification markup reads (`&`, `<`, `>`)
/// written as entities. Some daemons read a subset of HTML in bodies (`<b>`, `<a href>`, `<img src>`), so a
/// visitor's `<img src=...>` would otherwise load a remote image (a tracking pixel) or restyle the text; escaped,
/// it shows as the literal text the visitor typed.
pub fn escape_markup(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// Why a notification could not be shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the notification could not be shown: {0}")]
pub struct NotifyError(pub String);

/// Shows desktop notifications.
pub trait Notifier: Send + Sync {
    /// Shows `notification`; a failure is logged by the monitor and never stops it.
    fn notify(&self, notification: &Notification) -> Result<(), NotifyError>;
}

/// A notifier that shows nothing (no notification server, or notifications unwired).
#[derive(Debug, Clone, Copy, Default)]
pub struct SilentNotifier;

impl Notifier for SilentNotifier {
    fn notify(&self, _notification: &Notification) -> Result<(), NotifyError> {
        Ok(())
    }
}

/// A notifier that keeps every notification, for tests (CI has no notification server).
#[derive(Debug, Default)]
pub struct RecordingNotifier {
    shown: Mutex<Vec<Notification>>,
}

impl RecordingNotifier {
    /// An empty recorder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every notification shown so far, oldest first.
    pub fn notifications(&self) -> Vec<Notification> {
        self.shown
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Notifier for RecordingNotifier {
    fn notify(&self, notification: &Notification) -> Result<(), NotifyError> {
        self.shown
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(notification.clone());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_body_becomes_literal_text() {
        assert_eq!(
            escape_markup(r#"<b>Hi</b> & <img src="https://t.example/p.png"> &amp;"#),
            r#"&lt;b&gt;Hi&lt;/b&gt; &amp; &lt;img src="https://t.example/p.png"&gt; &amp;amp;"#,
            "no tag or entity of the visitor's may reach a daemon that reads markup"
        );
        assert_eq!(
            escape_markup("Où est ma commande ? 5 € — merci"),
            "Où est ma commande ? 5 € — merci",
            "plain text passes unchanged"
        );
    }
}
