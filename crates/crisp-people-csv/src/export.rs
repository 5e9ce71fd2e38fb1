//! Export: the whole filtered list, page after page, into CSV with every field in its own column.

use std::io::Write;
use std::time::Instant;

use crisp_client::people::ListPeopleProfiles;
use crisp_client::{Client, PageOptions, RequestParts};
use futures::StreamExt;
use serde::{Deserialize, Serialize};

use crate::columns::{cell, header, lookup, COLUMNS};
use crate::error::{Error, Result};
use crate::progress::{Cancel, Phase, Progress};

/// Crisp's largest page.
pub const PER_PAGE: u32 = 50;

/// How an export runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExportOptions {
    /// Pages in flight at once (the client's scheduler bounds the connection's requests as a whole).
    pub concurrency: u32,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions { concurrency: 4 }
    }
}

/// What an export did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExportReport {
    /// Profiles written.
    pub rows: u32,
    /// Pages read.
    pub pages: u32,
    /// Whether it was cancelled before the end (the file holds the rows read until then).
    pub cancelled: bool,
    /// How long it took, ms.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub elapsed_ms: u64,
}

/// Whether `request` lists every profile (no search, filter or date bound), so the workspace total applies.
fn is_unfiltered(request: &ListPeopleProfiles) -> bool {
    request.search_filter.is_none()
        && request.search_text.is_none()
        && request.filter_date_start.is_none()
        && request.filter_date_end.is_none()
        && request.limit.is_none()
}

/// The workspace's number of profiles (`GET .../people/stats`), for a determinate progress bar.
pub async fn count_profiles(client: &Client, website_id: &str) -> Result<Option<u32>> {
    if website_id.is_empty() || website_id.contains(['/', '?', '#']) {
        return Err(crisp_client::Error::invalid("website_id", "not a website ID").into());
    }
    let answer = client
        .execute(&RequestParts::get(format!(
            "/v1/website/{website_id}/people/stats"
        )))
        .await?;
    Ok(answer
        .data
        .as_ref()
        .and_then(|data| data.get("total"))
        .and_then(serde_json::Value::as_u64)
        .and_then(|total| u32::try_from(total).ok()))
}

/// Writes the profiles `request` lists (every page from its `page` on) as CSV to `sink`, header first.
///
/// Pages are read with `options.concurrency` in flight and written in order; `progress` hears after each page.
/// Cancelling stops after the pages in flight; the file then holds whole rows only. Writing to `sink` blocks:
/// give it a buffered file.
pub async fn export<W, P>(
    client: &Client,
    request: ListPeopleProfiles,
    sink: W,
    options: ExportOptions,
    progress: P,
    cancel: &Cancel,
) -> Result<ExportReport>
where
    W: Write,
    P: Fn(Progress),
{
    let started = Instant::now();
    let total = if is_unfiltered(&request) {
        count_profiles(client, &request.website_id)
            .await
            .unwrap_or_else(|error| {
                tracing::debug!(%error, "no profile count: the progress bar stays indeterminate");
                None
            })
    } else {
        None
    };
    let mut request = request;
    request.per_page = Some(request.per_page.unwrap_or(PER_PAGE));
    let mut writer = csv::Writer::from_writer(sink);
    writer.write_record(header())?;
    let mut report = ExportReport {
        rows: 0,
        pages: 0,
        cancelled: false,
        elapsed_ms: 0,
    };
    progress(Progress {
        phase: Phase::Exporting,
        done: 0,
        total,
    });
    let pages = client.paginate(
        request,
        PageOptions {
            concurrency: options.concurrency.max(1) as usize,
            limit: None,
        },
    );
    futures::pin_mut!(pages);
    let mut record: Vec<String> = Vec::with_capacity(COLUMNS.len());
    while let Some(page) = pages.next().await {
        let page = page?;
        report.pages += 1;
        for profile in page {
            let value = serde_json::to_value(&profile).map_err(|error| {
                Error::Csv(format!("a profile could not be flattened: {error}"))
            })?;
            record.clear();
            record.extend(
                COLUMNS
                    .iter()
                    .map(|column| cell(column.kind, lookup(&value, column.name))),
            );
            writer.write_record(&record)?;
            report.rows += 1;
        }
        progress(Progress {
            phase: Phase::Exporting,
            done: report.rows,
            total: total.map(|total| total.max(report.rows)),
        });
        if cancel.is_cancelled() {
            report.cancelled = true;
            break;
        }
    }
    writer.flush()?;
    report.elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    Ok(report)
}
