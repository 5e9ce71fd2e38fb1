//! The store against real files in a temporary folder: one binary, a module per concern.

mod canned_replies;
mod export;
mod files;
mod objects;
mod offline;
mod outbox;
mod search;
mod support;
