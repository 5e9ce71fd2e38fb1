//! Export and import against in-process sandboxes.

mod import;
mod round_trip;
mod support;
