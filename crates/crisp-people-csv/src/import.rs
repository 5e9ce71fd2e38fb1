//! Import: validate every row first, then create or update profiles matched by email (one paged listing pass),
//! with bounded concurrency through the connection's scheduler. Re-running after a cancel or a failure creates
//! no duplicates: rows created by the first run are found by the listing pass and updated.

use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use crisp_client::people::rules::{field_rule, is_email, PeopleFieldFormat};
use crisp_client::people::{
    AddPeopleProfile, ListPeopleProfiles, PeopleProfilePatch, PeopleProfileWrite,
    UpdatePeopleProfile,
};
use crisp_client::{Client, PageOptions, Patch};
use futures::{stream, StreamExt};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::columns::{column, guard, insert, parse};
use crate::error::{Error, Result};
use crate::export::{count_profiles, PER_PAGE};
use crate::progress::{Cancel, Phase, Progress};

/// A row that is not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RowFailure {
    /// The row as a spreadsheet numbers it (the header is row 1).
    pub row: u32,
    /// The row's email, when it has one.
    pub email: Option<String>,
    /// The column at fault (`email`, `person.geolocation.country`, ...), or `row` for the whole row.
    pub field: String,
    /// What is wrong, in plain words.
    pub reason: String,
}

/// A valid row, ready to send.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    /// The row as a spreadsheet numbers it.
    pub row: u32,
    /// The profile's fields (the empty cells left out).
    pub profile: PeopleProfileWrite,
}

/// A checked file: the rows to send and the rows that fail, before anything is sent.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportPlan {
    /// Valid rows, in file order.
    pub rows: Vec<ImportRow>,
    /// Rows that fail, with the reason, in file order.
    pub failures: Vec<RowFailure>,
    /// Read-only columns found in the file (exported ones such as `people_id`, `score`): ignored.
    pub ignored_columns: Vec<String>,
    /// Columns that are no profile field: ignored.
    pub unknown_columns: Vec<String>,
    /// Data rows in the file.
    pub total_rows: u32,
}

/// What the UI shows of a plan before the user confirms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportSummary {
    /// Data rows in the file.
    pub total_rows: u32,
    /// Rows that will be sent.
    pub valid_rows: u32,
    /// Rows that will not, and why.
    pub failures: Vec<RowFailure>,
    /// Read-only columns, ignored.
    pub ignored_columns: Vec<String>,
    /// Unknown columns, ignored.
    pub unknown_columns: Vec<String>,
    /// Requests the writes need: one per valid row.
    pub write_requests: u32,
}

impl ImportPlan {
    /// Requests the writes need: one per valid row (the listing pass comes on top, see [`estimate`]).
    pub fn write_requests(&self) -> u32 {
        self.rows.len() as u32
    }

    /// The plan as the UI shows it.
    pub fn summary(&self) -> ImportSummary {
        ImportSummary {
            total_rows: self.total_rows,
            valid_rows: self.rows.len() as u32,
            failures: self.failures.clone(),
            ignored_columns: self.ignored_columns.clone(),
            unknown_columns: self.unknown_columns.clone(),
            write_requests: self.write_requests(),
        }
    }
}

/// Reads and checks every row of `csv` without sending anything.
///
/// The file needs an `email` column; other columns are named as [`crate::columns::COLUMNS`] names them, in any
/// order. A row fails for a missing email, a cell that does not parse for its column, a value its field's rule
/// in [`crisp_client::people::rules`] refuses (an email, URL, ISO country code in capitals, locale or number
/// range), or an email already used by an earlier row.
pub fn plan_import<R: Read>(csv: R) -> Result<ImportPlan> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(csv);
    let headers = reader.headers()?.clone();
    let mut plan = ImportPlan::default();
    let mut used = Vec::new();
    for (index, name) in headers.iter().enumerate() {
        let name = name.trim().trim_start_matches('\u{feff}');
        match column(name) {
            Some(known) if known.write_path.is_some() => used.push((index, known)),
            Some(_) => plan.ignored_columns.push(name.to_owned()),
            None => plan.unknown_columns.push(name.to_owned()),
        }
    }
    if !used.iter().any(|(_, known)| known.name == "email") {
        return Err(Error::MissingColumn("email".to_owned()));
    }
    let mut first_row_of: HashMap<String, u32> = HashMap::new();
    for (index, record) in reader.records().enumerate() {
        let row = u32::try_from(index).unwrap_or(u32::MAX).saturating_add(2);
        plan.total_rows += 1;
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                plan.failures.push(RowFailure {
                    row,
                    email: None,
                    field: "row".to_owned(),
                    reason: format!("the row is not readable CSV: {error}"),
                });
                continue;
            }
        };
        let mut failures = Vec::new();
        let mut body = Map::new();
        let mut email = None;
        for (position, known) in &used {
            let cell = record.get(*position).unwrap_or("");
            let value = match parse(known.kind, cell) {
                Ok(Some(value)) => value,
                Ok(None) => continue,
                Err(reason) => {
                    failures.push((known.name, reason));
                    continue;
                }
            };
            if known.name == "email" {
                email = value.as_str().map(str::to_owned);
            }
            if let Some(reason) = check(known.name, &value) {
                failures.push((known.name, reason));
                continue;
            }
            if let Some(path) = known.write_path {
                insert(&mut body, path, value);
            }
        }
        match email.as_deref() {
            None => failures.push(("email", "every row needs an email".to_owned())),
            Some(address) => {
                let key = address.trim().to_lowercase();
                if let Some(first) = first_row_of.get(&key) {
                    failures.push((
                        "email",
                        format!("row {first} has the same email; only the first is imported"),
                    ));
                } else if is_email(address) {
                    first_row_of.insert(key, row);
                }
            }
        }
        if failures.is_empty() {
            match serde_json::from_value::<PeopleProfileWrite>(Value::Object(body)) {
                Ok(profile) => plan.rows.push(ImportRow { row, profile }),
                Err(error) => failures.push(("row", format!("not a valid profile: {error}"))),
            }
        }
        plan.failures
            .extend(failures.into_iter().map(|(field, reason)| RowFailure {
                row,
                email: email.clone(),
                field: field.to_owned(),
                reason,
            }));
    }
    Ok(plan)
}

/// What is wrong with `value` in column `name`, if anything: the field's rule in
/// [`crisp_client::people::rules`], the one the profile form follows too.
fn check(name: &str, value: &Value) -> Option<String> {
    if name == "person.profiles" {
        return match value {
            Value::Array(items) if items.iter().any(|item| !item.is_object()) => {
                Some("each social profile must be an object {type, handle, url}".to_owned())
            }
            Value::Array(items) => items
                .iter()
                .find_map(|item| check("person.profiles.url", item.get("url")?)),
            _ => Some("must be a JSON array of {type, handle, url}".to_owned()),
        };
    }
    let format = field_rule(name)?.format?;
    match value {
        Value::String(text) if !format.accepts_text(text) => Some(refusal(format, text)),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .find(|item| !format.accepts_text(item))
            .map(|item| refusal(format, item)),
        Value::Number(number) if number.as_f64().is_none_or(|n| !format.accepts_number(n)) => {
            Some(refusal(format, &number.to_string()))
        }
        _ => None,
    }
}

/// Why `value` does not have `format`, in the words of a failure report.
fn refusal(format: PeopleFieldFormat, value: &str) -> String {
    match format {
        PeopleFieldFormat::Email => format!("{value:?} is not an email address"),
        PeopleFieldFormat::Url => format!("{value:?} is not a full URL starting with https://"),
        PeopleFieldFormat::Country => {
            format!("{value:?} is not a two-letter ISO country code in capitals, such as PT or US")
        }
        PeopleFieldFormat::Locale => {
            format!("{value:?} is not a two-letter language code, such as en or pt-BR")
        }
        PeopleFieldFormat::Whole { min, max } => {
            format!("{value} is out of range: a whole number from {min} to {max}")
        }
        PeopleFieldFormat::Decimal { min, max } => {
            format!("{value} is out of range: a number from {min} to {max}")
        }
    }
}

/// Requests an import will take and what is left today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RequestEstimate {
    /// One per valid row.
    pub writes: u32,
    /// The listing pass that finds existing emails (one per 50 profiles in the workspace, plus one).
    pub matching: u32,
    /// Both.
    pub total: u32,
    /// Requests left today on the connection; `None` for tiers without a daily budget.
    pub remaining_today: Option<u32>,
    /// Whether the total fits in what is left today.
    pub fits: bool,
}

/// How many requests running `plan` needs against the day's budget (one request to count the workspace's
/// profiles).
pub async fn estimate(
    client: &Client,
    website_id: &str,
    plan: &ImportPlan,
) -> Result<RequestEstimate> {
    let existing = count_profiles(client, website_id).await?.unwrap_or(0);
    let matching = existing / PER_PAGE + 1;
    let writes = plan.write_requests();
    let total = writes + matching;
    let quota = client.quota();
    let remaining_today = quota
        .daily_budget
        .map(|budget| budget.saturating_sub(quota.used_today));
    Ok(RequestEstimate {
        writes,
        matching,
        total,
        remaining_today,
        fits: remaining_today.is_none_or(|left| total <= left),
    })
}

/// How an import runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportOptions {
    /// Rows sent at once (the client's scheduler bounds the connection's requests as a whole).
    pub concurrency: u32,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions { concurrency: 4 }
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportReport {
    /// Profiles created.
    pub created: u32,
    /// Existing profiles updated.
    pub updated: u32,
    /// Rows that failed (in the plan or when sent), in row order.
    pub failed: Vec<RowFailure>,
    /// Valid rows not sent because of a cancel or a spent quota; re-running the file sends them.
    pub not_sent: u32,
    /// Whether the user cancelled.
    pub cancelled: bool,
    /// Whether Crisp said the daily quota is spent (the rest was not sent).
    pub quota_spent: bool,
    /// Requests of the listing pass.
    pub matching_requests: u32,
    /// How long it took, ms.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub elapsed_ms: u64,
}

/// One row's outcome.
enum Outcome {
    Created,
    Updated,
    Failed(RowFailure),
    NotSent,
}

/// Finds the people ID of every existing profile by lowercase email, page after page.
async fn existing_emails<P: Fn(Progress)>(
    client: &Client,
    website_id: &str,
    concurrency: usize,
    progress: &P,
    cancel: &Cancel,
) -> Result<Option<(HashMap<String, String>, u32)>> {
    let mut request = ListPeopleProfiles::new(website_id);
    request.per_page = Some(PER_PAGE);
    let pages = client.paginate(
        request,
        PageOptions {
            concurrency,
            limit: None,
        },
    );
    futures::pin_mut!(pages);
    let mut found = HashMap::new();
    let mut requests = 0;
    while let Some(page) = pages.next().await {
        requests += 1;
        for profile in page? {
            if let (Some(email), Some(people_id)) = (profile.email, profile.people_id) {
                found.insert(email.trim().to_lowercase(), people_id);
            }
        }
        progress(Progress {
            phase: Phase::Matching,
            done: found.len() as u32,
            total: None,
        });
        if cancel.is_cancelled() {
            return Ok(None);
        }
    }
    // The empty or short page that ended the walk was a request too.
    Ok(Some((found, requests.max(1))))
}

/// The PATCH body that sets every field `profile` gives and keeps the rest.
fn patch_of(profile: &PeopleProfileWrite) -> PeopleProfilePatch {
    fn set<T: Clone>(value: &Option<T>) -> Patch<T> {
        value.clone().map_or(Patch::Keep, Patch::Set)
    }
    PeopleProfilePatch {
        email: Patch::Set(profile.email.clone()),
        person: profile
            .person
            .clone()
            .map_or(Patch::Keep, |person| Patch::Set(person.into())),
        company: profile
            .company
            .clone()
            .map_or(Patch::Keep, |company| Patch::Set(company.into())),
        segments: set(&profile.segments),
        notepad: set(&profile.notepad),
        active: set(&profile.active),
    }
}

/// Whether Crisp refused an add because the email is taken (a profile created since the listing pass).
fn email_taken(error: &crisp_client::Error) -> bool {
    matches!(error, crisp_client::Error::Api { status: 400 | 409, message, .. }
        if message.as_deref().is_some_and(|text| text.contains("already")))
}

/// Sends one row: PATCH when its email exists, POST otherwise (PATCH by email if the POST finds it taken).
async fn send_row(
    client: &Client,
    website_id: &str,
    row: &ImportRow,
    existing: &HashMap<String, String>,
) -> std::result::Result<Outcome, crisp_client::Error> {
    let key = row.profile.email.trim().to_lowercase();
    if let Some(people_id) = existing.get(&key) {
        let update = UpdatePeopleProfile::new(website_id, people_id, patch_of(&row.profile));
        client.send(&update).await?;
        return Ok(Outcome::Updated);
    }
    let has_nickname = row.profile.person.as_ref().is_some_and(|person| {
        person
            .nickname
            .as_deref()
            .is_some_and(|name| !name.is_empty())
    });
    if !has_nickname {
        return Ok(Outcome::Failed(RowFailure {
            row: row.row,
            email: Some(row.profile.email.clone()),
            field: "person.nickname".to_owned(),
            reason: "a new profile needs a name (no profile has this email yet)".to_owned(),
        }));
    }
    match client
        .send(&AddPeopleProfile::new(website_id, row.profile.clone()))
        .await
    {
        Ok(_) => Ok(Outcome::Created),
        Err(error) if email_taken(&error) => {
            let update = UpdatePeopleProfile::new(
                website_id,
                row.profile.email.clone(),
                patch_of(&row.profile),
            );
            client.send(&update).await?;
            Ok(Outcome::Updated)
        }
        Err(error) => Err(error),
    }
}

/// Runs `plan`: one listing pass to match emails, then a PATCH per existing email and a POST per new one,
/// `options.concurrency` at once. Cancelling (or a spent quota) lets the rows in flight finish and sends no
/// more; the report counts the rest as not sent. `progress` hears after each page and each row.
pub async fn run_import<P: Fn(Progress)>(
    client: &Client,
    website_id: &str,
    plan: &ImportPlan,
    options: ImportOptions,
    progress: P,
    cancel: &Cancel,
) -> Result<ImportReport> {
    let started = Instant::now();
    let concurrency = options.concurrency.max(1) as usize;
    let mut report = ImportReport {
        created: 0,
        updated: 0,
        failed: plan.failures.clone(),
        not_sent: 0,
        cancelled: false,
        quota_spent: false,
        matching_requests: 0,
        elapsed_ms: 0,
    };
    let total = plan.write_requests();
    let Some((existing, requests)) =
        existing_emails(client, website_id, concurrency, &progress, cancel).await?
    else {
        report.cancelled = true;
        report.not_sent = total;
        report.elapsed_ms = elapsed_ms(started);
        return Ok(report);
    };
    report.matching_requests = requests;
    let stop = AtomicBool::new(false);
    let quota_spent = AtomicBool::new(false);
    // Rows go by index: a closure over `&ImportRow` would make the future's `Send` bound higher-ranked, which
    // async commands cannot prove.
    let outcomes = stream::iter(0..plan.rows.len())
        .map(|index| {
            let row = &plan.rows[index];
            let existing = &existing;
            let stop = &stop;
            let quota_spent = &quota_spent;
            async move {
                if stop.load(Ordering::SeqCst) || cancel.is_cancelled() {
                    return Outcome::NotSent;
                }
                match send_row(client, website_id, row, existing).await {
                    Ok(outcome) => outcome,
                    Err(error) => {
                        if matches!(error, crisp_client::Error::QuotaExceeded { .. }) {
                            stop.store(true, Ordering::SeqCst);
                            quota_spent.store(true, Ordering::SeqCst);
                        }
                        Outcome::Failed(RowFailure {
                            row: row.row,
                            email: Some(row.profile.email.clone()),
                            field: "row".to_owned(),
                            reason: error.to_string(),
                        })
                    }
                }
            }
        })
        .buffer_unordered(concurrency);
    futures::pin_mut!(outcomes);
    let mut done = 0;
    progress(Progress {
        phase: Phase::Writing,
        done,
        total: Some(total),
    });
    while let Some(outcome) = outcomes.next().await {
        match outcome {
            Outcome::Created => report.created += 1,
            Outcome::Updated => report.updated += 1,
            Outcome::Failed(failure) => report.failed.push(failure),
            Outcome::NotSent => report.not_sent += 1,
        }
        done += 1;
        progress(Progress {
            phase: Phase::Writing,
            done,
            total: Some(total),
        });
    }
    report.cancelled = cancel.is_cancelled();
    report.quota_spent = quota_spent.load(Ordering::SeqCst);
    report.failed.sort_by_key(|failure| failure.row);
    report.elapsed_ms = elapsed_ms(started);
    Ok(report)
}

/// Writes `failures` as CSV (`row,email,field,reason`) for the user to fix and re-import, with cells that start
/// like a formula [guarded](crate::columns::guard).
pub fn write_error_file<W: Write>(failures: &[RowFailure], sink: W) -> Result<()> {
    let mut writer = csv::Writer::from_writer(sink);
    writer.write_record(["row", "email", "field", "reason"])?;
    for failure in failures {
        // The email and the reason quote the file's own cells, which may start like a formula.
        writer.write_record([
            failure.row.to_string(),
            guard(failure.email.clone().unwrap_or_default()),
            guard(failure.field.clone()),
            guard(failure.reason.clone()),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

/// The rows of `plan` whose emails are in `emails` (lowercase), e.g. to re-send only the failed ones.
pub fn rows_for(plan: &ImportPlan, emails: &HashSet<String>) -> ImportPlan {
    ImportPlan {
        rows: plan
            .rows
            .iter()
            .filter(|row| emails.contains(&row.profile.email.trim().to_lowercase()))
            .cloned()
            .collect(),
        failures: Vec::new(),
        ignored_columns: plan.ignored_columns.clone(),
        unknown_columns: plan.unknown_columns.clone(),
        total_rows: plan.total_rows,
    }
}

fn elapsed_ms(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(text: &str) -> ImportPlan {
        plan_import(text.as_bytes()).expect("a readable file")
    }

    /// Each failure's row and column.
    fn failed_columns(plan: &ImportPlan) -> Vec<(u32, &str)> {
        plan.failures
            .iter()
            .map(|failure| (failure.row, failure.field.as_str()))
            .collect()
    }

    #[test]
    fn a_country_code_is_checked_against_iso_like_the_profile_form_does() {
        let plan = plan(
            "email,person.nickname,person.geolocation.country\n\
             fr@example.com,Fr,FR\n\
             zz@example.com,Zz,ZZ\n",
        );
        assert_eq!(plan.rows.len(), 1, "FR is a country");
        assert_eq!(
            (plan.failures[0].row, plan.failures[0].field.as_str()),
            (3, "person.geolocation.country"),
            "ZZ has the shape of a country code but is none"
        );
    }

    #[test]
    fn urls_locales_and_ranges_follow_the_profile_form_rules() {
        let plan = plan(
            "email,person.nickname,person.website,person.locales,person.timezone,company.metrics.employees,person.profiles\n\
             a@example.com,A,https://a.example,en; pt-BR,-60,12,\"[{\"\"type\"\":\"\"x\"\",\"\"url\"\":\"\"https://x.example/a\"\"}]\"\n\
             b@example.com,B,a.example,,,,\n\
             c@example.com,C,,english,,,\n\
             d@example.com,D,,,900,,\n\
             e@example.com,E,,,,4294967296,\n\
             f@example.com,F,,,,,\"[{\"\"type\"\":\"\"x\"\",\"\"url\"\":\"\"x.example\"\"}]\"\n",
        );
        assert_eq!(
            plan.rows.len(),
            1,
            "only the first row is valid: {:?}",
            plan.failures
        );
        let failures = failed_columns(&plan);
        assert_eq!(
            failures,
            [
                (3, "person.website"),
                (4, "person.locales"),
                (5, "person.timezone"),
                (6, "company.metrics.employees"),
                (7, "person.profiles")
            ],
            "each rule the form checks refuses the row at its column"
        );
    }

    #[test]
    fn bad_emails_and_country_codes_fail_with_their_row_and_reason() {
        let plan = plan(
            "email,person.nickname,person.geolocation.country,company.geolocation.country\n\
             ana@example.com,Ana,PT,\n\
             not-an-email,Bob,US,\n\
             cy@example.com,Cy,Portugal,\n\
             di@example.com,Di,,xx\n",
        );
        assert_eq!(plan.rows.len(), 1, "only the first row is valid");
        let failures = failed_columns(&plan);
        assert_eq!(
            failures,
            [
                (3, "email"),
                (4, "person.geolocation.country"),
                (5, "company.geolocation.country")
            ],
            "each failing row names its column, counted as a spreadsheet counts rows"
        );
        assert!(
            plan.failures[1].reason.contains("Portugal"),
            "the reason quotes the value"
        );
    }

    #[test]
    fn read_only_and_unknown_columns_are_named_and_ignored() {
        let plan = plan("people_id,score,email,person.nickname,favourite_colour\nabc,5,ana@example.com,Ana,red\n");
        assert_eq!(
            plan.ignored_columns,
            ["people_id", "score"],
            "read-only columns are ignored"
        );
        assert_eq!(
            plan.unknown_columns,
            ["favourite_colour"],
            "unknown columns are named"
        );
        let sent = serde_json::to_value(&plan.rows[0].profile).expect("serializes");
        assert_eq!(
            sent,
            serde_json::json!({ "email": "ana@example.com", "person": { "nickname": "Ana" } }),
            "nothing read-only or unknown is sent"
        );
    }

    #[test]
    fn a_repeated_email_is_imported_once() {
        let plan = plan("email,person.nickname\nana@example.com,Ana\nANA@example.com,Ana again\n");
        assert_eq!(plan.rows.len(), 1, "the first row is kept");
        assert_eq!(plan.failures[0].row, 3, "the repeat is reported");
        assert!(
            plan.failures[0].reason.contains("row 2"),
            "naming the first row"
        );
    }

    #[test]
    fn a_file_without_an_email_column_is_refused() {
        assert!(
            matches!(plan_import("person.nickname\nAna\n".as_bytes()), Err(Error::MissingColumn(name)) if name == "email"),
            "matching by email needs the column"
        );
    }

    #[test]
    fn a_patch_sets_the_given_fields_and_keeps_the_rest() {
        let plan = plan("email,notepad\nana@example.com,Called back\n");
        let patch = serde_json::to_value(patch_of(&plan.rows[0].profile)).expect("serializes");
        assert_eq!(
            patch,
            serde_json::json!({ "email": "ana@example.com", "notepad": "Called back" }),
            "empty cells keep what the profile has"
        );
    }

    #[test]
    fn the_error_file_lists_every_failure() {
        let failures = vec![RowFailure {
            row: 3,
            email: Some("x".to_owned()),
            field: "email".to_owned(),
            reason: "\"x\" is not an email address".to_owned(),
        }];
        let mut file = Vec::new();
        write_error_file(&failures, &mut file).expect("written");
        assert_eq!(
            String::from_utf8(file).expect("utf-8"),
            "row,email,field,reason\n3,x,email,\"\"\"x\"\" is not an email address\"\n",
            "one line per failure under a header"
        );
    }

    #[test]
    fn the_error_file_guards_cells_that_start_like_a_formula() {
        let plan = plan("email,person.nickname\n=HYPERLINK(\"http://evil.example\"),Eve\n");
        let mut file = Vec::new();
        write_error_file(&plan.failures, &mut file).expect("written");
        let file = String::from_utf8(file).expect("utf-8");
        let mut reader = csv::Reader::from_reader(file.as_bytes());
        let record = reader
            .records()
            .next()
            .expect("one failure")
            .expect("readable");
        assert_eq!(
            &record[1], "'=HYPERLINK(\"http://evil.example\")",
            "the bad email is quoted back behind a ' so opening the error file runs nothing"
        );
    }
}
