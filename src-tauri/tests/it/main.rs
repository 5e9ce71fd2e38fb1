//! The app's commands through Tauri's mock runtime, against in-process Crisp sandboxes: every Crisp operation, the
//! connection set-up with each failure it must name, secrets kept out of logs and answers, and (ignored, run by
//! `scripts/test-keychain.sh`) one round trip through a real Secret Service.

mod canned_replies;
mod commands;
mod connections;
mod keychain;
mod local;
mod monitor;
mod people_csv;
mod secrets;
mod security;
mod support;
mod sync;
mod web_view;
