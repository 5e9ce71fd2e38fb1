//! The store against real files in a temporary folder: one binary, a module per concern.

mod files;
mod objects;
mod outbox;
mod search;
mod support;
