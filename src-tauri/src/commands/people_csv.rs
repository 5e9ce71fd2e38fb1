//! People CSV commands: export the filtered list and import a file (`crisp-people-csv`), the file chosen through
//! `tauri-plugin-dialog`, progress through a typed channel, cancellable. One import at a time per connection: a
//! second `run_people_import` for a connection whose import still runs is refused.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use crisp_client::people::ListPeopleProfiles;
use crisp_people_csv::{
    estimate, export, plan_import, run_import, write_error_file, Cancel, ExportOptions,
    ExportReport, ImportOptions, ImportPlan, ImportReport, ImportSummary, Progress,
    RequestEstimate, RowFailure,
};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::commands::monitor::website_of;
use crate::connections::ConnectionId;
use crate::error::{AppError, ErrorKind};
use crate::state::AppState;

/// Asks the user for a CSV file: one to read (`save_as` = `None`) or where to write (`save_as` = the suggested
/// name). `None` when the user cancels.
pub trait FileChooser: Send + Sync {
    /// Shows the dialog; the answer comes through the returned receiver.
    fn choose(&self, save_as: Option<&str>) -> tokio::sync::oneshot::Receiver<Option<PathBuf>>;
}

/// The system's file dialogs, through `tauri-plugin-dialog`.
pub struct DialogChooser<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> FileChooser for DialogChooser<R> {
    fn choose(&self, save_as: Option<&str>) -> tokio::sync::oneshot::Receiver<Option<PathBuf>> {
        let (sender, receiver) = tokio::sync::oneshot::channel();
        let dialog = self.app.dialog().file().add_filter("CSV", &["csv"]);
        let answer = move |path: Option<tauri_plugin_dialog::FilePath>| {
            // The command may have been dropped meanwhile; nobody is left to tell.
            let _ = sender.send(path.and_then(|path| path.into_path().ok()));
        };
        match save_as {
            Some(name) => dialog.set_file_name(name).save_file(answer),
            None => dialog.pick_file(answer),
        }
        receiver
    }
}

/// The file chooser, the checked import waiting for confirmation, the cancel switch of the run in progress, and
/// the connections whose import is running.
pub struct PeopleCsv {
    chooser: Box<dyn FileChooser>,
    plan: Mutex<Option<(ConnectionId, ImportPlan)>>,
    cancel: Mutex<Cancel>,
    importing: Mutex<HashSet<ConnectionId>>,
}

/// A connection's import slot, taken by [`PeopleCsv::start_import`] and given back when dropped (the import
/// finished, failed or its command was dropped).
pub struct ImportRunning<'a> {
    csv: &'a PeopleCsv,
    connection: ConnectionId,
}

impl Drop for ImportRunning<'_> {
    fn drop(&mut self) {
        self.csv
            .importing
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&self.connection);
    }
}

impl PeopleCsv {
    /// Files chosen through the system's dialogs.
    pub fn new<R: Runtime>(app: &AppHandle<R>) -> Self {
        Self::with_chooser(Box::new(DialogChooser { app: app.clone() }))
    }

    /// Files chosen by `chooser` (tests answer without a dialog).
    pub fn with_chooser(chooser: Box<dyn FileChooser>) -> Self {
        PeopleCsv {
            chooser,
            plan: Mutex::new(None),
            cancel: Mutex::new(Cancel::new()),
            importing: Mutex::new(HashSet::new()),
        }
    }

    /// Takes `connection`'s import slot, or refuses while an import for it still runs: two imports of the same
    /// rows at once would race each other's "find by email, then create" and could create duplicates.
    pub fn start_import(&self, connection: &ConnectionId) -> Result<ImportRunning<'_>, AppError> {
        let mut importing = self
            .importing
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if !importing.insert(connection.clone()) {
            return Err(AppError::new(
                ErrorKind::InvalidInput,
                "An import is already running for this connection: wait for it to finish, or cancel it, before \
                 starting another.",
            ));
        }
        Ok(ImportRunning {
            csv: self,
            connection: connection.clone(),
        })
    }

    async fn choose(&self, save_as: Option<&str>) -> Option<PathBuf> {
        self.chooser.choose(save_as).await.ok().flatten()
    }

    fn fresh_cancel(&self) -> Cancel {
        let cancel = Cancel::new();
        *self.cancel.lock().unwrap_or_else(PoisonError::into_inner) = cancel.clone();
        cancel
    }
}

/// A checked import file: its rows and failures, and the requests it needs against today's budget.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct PeopleImportPlan {
    /// The file's name.
    pub file_name: String,
    /// Rows, failures and ignored columns.
    pub summary: ImportSummary,
    /// Requests against the day's budget.
    pub estimate: RequestEstimate,
}

fn io_error(error: std::io::Error) -> AppError {
    AppError::new(
        ErrorKind::InvalidInput,
        format!("The file could not be used: {error}"),
    )
}

fn csv_error(error: crisp_people_csv::Error) -> AppError {
    match error {
        crisp_people_csv::Error::Client(error) => error.into(),
        other => AppError::new(ErrorKind::InvalidInput, other.to_string()),
    }
}

/// Exports the profiles `request` lists (every page) to a CSV file the user chooses; `None` when the user
/// cancelled the file choice. Progress goes to `on_progress`; `cancel_people_csv` stops it.
#[tauri::command]
#[specta::specta]
pub async fn export_people(
    state: State<'_, AppState>,
    csv: State<'_, PeopleCsv>,
    connection: ConnectionId,
    request: ListPeopleProfiles,
    on_progress: Channel<Progress>,
) -> Result<Option<ExportReport>, AppError> {
    let client = state.client(&connection).await?;
    let Some(path) = csv.choose(Some("people.csv")).await else {
        return Ok(None);
    };
    let file = BufWriter::new(File::create(&path).map_err(io_error)?);
    let cancel = csv.fresh_cancel();
    let report = export(
        &client,
        request,
        file,
        ExportOptions::default(),
        |progress| {
            let _ = on_progress.send(progress);
        },
        &cancel,
    )
    .await
    .map_err(csv_error)?;
    Ok(Some(report))
}

/// Lets the user choose a CSV file, checks every row and counts the requests it needs; nothing is sent. `None`
/// when the user cancelled the file choice. The plan waits for `run_people_import`.
#[tauri::command]
#[specta::specta]
pub async fn plan_people_import(
    state: State<'_, AppState>,
    csv: State<'_, PeopleCsv>,
    connection: ConnectionId,
) -> Result<Option<PeopleImportPlan>, AppError> {
    let client = state.client(&connection).await?;
    let website_id = website_of(&state, &connection).await?;
    let Some(path) = csv.choose(None).await else {
        return Ok(None);
    };
    let file = BufReader::new(File::open(&path).map_err(io_error)?);
    let plan = plan_import(file).map_err(csv_error)?;
    let estimate = estimate(&client, &website_id, &plan)
        .await
        .map_err(csv_error)?;
    let answer = PeopleImportPlan {
        file_name: path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default(),
        summary: plan.summary(),
        estimate,
    };
    *csv.plan.lock().unwrap_or_else(PoisonError::into_inner) = Some((connection, plan));
    Ok(Some(answer))
}

/// Runs the plan `plan_people_import` made for `connection`: creates or updates profiles matched by email.
/// Progress goes to `on_progress`; `cancel_people_csv` stops it (re-running creates no duplicates). Refused while
/// another import for `connection` still runs.
#[tauri::command]
#[specta::specta]
pub async fn run_people_import(
    state: State<'_, AppState>,
    csv: State<'_, PeopleCsv>,
    connection: ConnectionId,
    on_progress: Channel<Progress>,
) -> Result<ImportReport, AppError> {
    let _running = csv.start_import(&connection)?;
    let plan = match csv
        .plan
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .as_ref()
    {
        Some((planned, plan)) if *planned == connection => plan.clone(),
        _ => {
            return Err(AppError::new(
                ErrorKind::InvalidInput,
                "Choose a file to import first.",
            ))
        }
    };
    let client = state.client(&connection).await?;
    let website_id = website_of(&state, &connection).await?;
    let cancel = csv.fresh_cancel();
    run_import(
        &client,
        &website_id,
        &plan,
        ImportOptions::default(),
        |progress| {
            let _ = on_progress.send(progress);
        },
        &cancel,
    )
    .await
    .map_err(csv_error)
}

/// Stops the export or import in progress after the requests in flight.
#[tauri::command]
#[specta::specta]
pub async fn cancel_people_csv(csv: State<'_, PeopleCsv>) -> Result<(), AppError> {
    csv.cancel
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .cancel();
    Ok(())
}

/// Saves the rows an import did not take (`row,email,field,reason`) to a file the user chooses; whether saved.
#[tauri::command]
#[specta::specta]
pub async fn save_people_import_errors(
    csv: State<'_, PeopleCsv>,
    failures: Vec<RowFailure>,
) -> Result<bool, AppError> {
    let Some(path) = csv.choose(Some("import-errors.csv")).await else {
        return Ok(false);
    };
    let file = BufWriter::new(File::create(&path).map_err(io_error)?);
    write_error_file(&failures, file).map_err(csv_error)?;
    Ok(true)
}
