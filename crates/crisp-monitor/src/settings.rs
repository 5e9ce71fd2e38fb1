//! What a connection's monitor watches and how it tells the user.

use serde::{Deserialize, Serialize};

/// Which event kinds the monitor emits; a kind that is off also costs no requests of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct EventSwitches {
    /// `conversation_created`.
    pub conversation_created: bool,
    /// `visitor_message_received`.
    pub visitor_message_received: bool,
    /// `conversation_state_changed`.
    pub conversation_state_changed: bool,
    /// `people_profile_changed` (one extra request per poll).
    pub people_profile_changed: bool,
    /// `visitors_count_changed` (one extra request per poll).
    pub visitors_count_changed: bool,
}

impl Default for EventSwitches {
    fn default() -> Self {
        EventSwitches {
            conversation_created: true,
            visitor_message_received: true,
            conversation_state_changed: true,
            people_profile_changed: false,
            visitors_count_changed: false,
        }
    }
}

impl EventSwitches {
    /// Whether the conversation list has to be polled at all.
    pub fn needs_conversations(&self, notifications: bool) -> bool {
        self.conversation_created
            || self.visitor_message_received
            || self.conversation_state_changed
            || notifications
    }
}

/// A connection's monitor settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct MonitorSettings {
    /// Whether this connection is watched at all.
    pub enabled: bool,
    /// Event kinds on or off.
    pub events: EventSwitches,
    /// Desktop notifications for new visitor messages.
    pub notifications: bool,
    /// Do not disturb: events still flow, no notification is shown.
    pub do_not_disturb: bool,
    /// Whether the app's window is focused (faster polling).
    pub focused: bool,
}

impl Default for MonitorSettings {
    fn default() -> Self {
        MonitorSettings {
            enabled: true,
            events: EventSwitches::default(),
            notifications: true,
            do_not_disturb: false,
            focused: true,
        }
    }
}

impl MonitorSettings {
    /// Whether a notification may be shown now.
    pub fn notifies(&self) -> bool {
        self.notifications && !self.do_not_disturb
    }
}
