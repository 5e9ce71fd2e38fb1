//! Export and import against in-process sandboxes.

mod import;
mod injection;
mod round_trip;
mod support;
