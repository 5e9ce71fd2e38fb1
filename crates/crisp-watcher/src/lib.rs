//! Placeholder until the watcher lands.
