//! People profiles to and from CSV.
//!
//! [`export`] writes the whole filtered list, page after page, with every profile field in a named column (the
//! dotted contract path, see [`columns`]). [`plan_import`] checks every row before anything is sent;
//! [`estimate`] says how many requests the import takes against the day's budget; [`run_import`] creates or
//! updates profiles matched by email after one paged listing pass, with bounded concurrency through the
//! connection's scheduler, and can be cancelled; [`write_error_file`] saves the rows that failed.

pub mod columns;
pub mod error;
pub mod export;
pub mod import;
pub mod progress;

pub use error::{Error, Result};
pub use export::{count_profiles, export, ExportOptions, ExportReport};
pub use import::{
    estimate, plan_import, rows_for, run_import, write_error_file, ImportOptions, ImportPlan,
    ImportReport, ImportRow, ImportSummary, RequestEstimate, RowFailure,
};
pub use progress::{Cancel, Phase, Progress};
