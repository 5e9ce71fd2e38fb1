//! Progress reports and cancellation, shared by export and import.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// What a long run is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Reading profiles into the file.
    Exporting,
    /// Listing existing profiles to match emails.
    Matching,
    /// Creating and updating profiles.
    Writing,
}

/// How far a run is, for the progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Progress {
    /// What is being done.
    pub phase: Phase,
    /// Items done in this phase.
    pub done: u32,
    /// Items this phase will do, when known.
    pub total: Option<u32>,
}

/// A cancel switch: cheap to clone, every clone sees the same switch. A cancelled run finishes the requests in
/// flight and starts no new one.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// A switch not yet pulled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks the run to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether the run was asked to stop.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}
