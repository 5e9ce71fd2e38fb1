import { useState } from "react";
import { ErrorNotice } from "../../components/Status";
import { describeError, type ImportReport, type ListPeopleProfiles_Deserialize, type PeopleImportPlan, type Progress, type RowFailure } from "../../ipc";
import { useCancelPeopleCsv } from "./useCancelPeopleCsv";
import { useExportPeople } from "./useExportPeople";
import { usePlanPeopleImport } from "./usePlanPeopleImport";
import { useImportRunning, useRunPeopleImport } from "./useRunPeopleImport";
import { useSavePeopleImportErrors } from "./useSavePeopleImportErrors";

interface Props {
  connection: string;
  /** The list's own request (first page, its filters and Limit): the export walks every page of it. */
  exportRequest: ListPeopleProfiles_Deserialize;
}

/** Problems listed in the review before the rest is left to the report's error file. */
const FAILURES_SHOWN = 500;

/**
 * People CSV: "Export CSV" writes the filtered list to a file with a progress bar and Cancel. "Import CSV"
 * reads a file and shows the review (valid rows, failing rows with their field and reason, requests needed
 * against what is left today) before anything is sent; Confirm runs it with a progress bar and Cancel; the
 * report says what was created, updated and refused, and saves the refused rows to an error file.
 * Closing a file dialog is not an error: the screen stays as it was.
 */
export function PeopleCsv({ connection, exportRequest }: Props) {
  const exporter = useExportPeople(connection);
  const plan = usePlanPeopleImport(connection);
  const run = useRunPeopleImport(connection);
  const cancel = useCancelPeopleCsv();
  const [review, setReview] = useState<PeopleImportPlan | null>(null);
  // One import at a time per connection, even one started before this screen was last opened.
  const importing = useImportRunning(connection);
  const busy = exporter.isPending || plan.isPending || run.isPending || importing;

  const reset = () => {
    exporter.reset();
    plan.reset();
    run.reset();
    cancel.reset();
    setReview(null);
  };

  return (
    <div className="people-csv">
      <div className="people-csv-actions">
        <button
          type="button"
          disabled={busy || review != null}
          onClick={() => {
            reset();
            exporter.mutate(exportRequest);
          }}
        >
          Export CSV
        </button>
        <button
          type="button"
          disabled={busy || review != null}
          onClick={() => {
            reset();
            plan.mutate(undefined, { onSuccess: (planned) => setReview(planned) });
          }}
        >
          {plan.isPending ? "Reading the file…" : "Import CSV"}
        </button>
      </div>

      {exporter.isPending ? (
        <section className="csv-panel" aria-labelledby="people-export-title">
          <h2 id="people-export-title">Exporting people</h2>
          <ProgressLine label="Export progress" progress={exporter.progress} />
          <CancelButton label="Cancel export" cancel={cancel} />
        </section>
      ) : exporter.isError ? (
        <ErrorNotice message={`The export failed: ${describeError(exporter.error)}`} />
      ) : exporter.data ? (
        <section className="csv-panel" aria-labelledby="people-export-title">
          <h2 id="people-export-title">{exporter.data.cancelled ? "Export cancelled" : "Export finished"}</h2>
          <p role="status">
            {exporter.data.cancelled
              ? `You cancelled the export: the file holds the ${rows(exporter.data.rows)} read until then.`
              : `Exported ${rows(exporter.data.rows)} to the CSV file.`}
          </p>
          <button type="button" onClick={reset}>
            Close
          </button>
        </section>
      ) : null}

      {plan.isError ? <ErrorNotice message={`The file could not be read: ${describeError(plan.error)}`} /> : null}

      {importing && !run.isPending ? (
        <p className="status" role="status">
          An import for this connection is still running: Import CSV is available again when it ends.
        </p>
      ) : null}

      {review && run.isIdle ? (
        <ImportReview
          plan={review}
          running={importing}
          onConfirm={() => run.mutate()}
          onCancel={() => {
            setReview(null);
            plan.reset();
          }}
        />
      ) : null}

      {run.isPending ? (
        <section className="csv-panel" aria-labelledby="people-import-title">
          <h2 id="people-import-title">Importing {review?.file_name ?? "people"}</h2>
          <ProgressLine label="Import progress" progress={run.progress} />
          <CancelButton label="Cancel import" cancel={cancel} />
        </section>
      ) : run.isError ? (
        <section className="csv-panel" aria-labelledby="people-import-title">
          <h2 id="people-import-title">Import failed</h2>
          <ErrorNotice message={describeError(run.error)} />
          <p>Running the same file again creates no duplicates: profiles are matched by email.</p>
          <button type="button" onClick={reset}>
            Close
          </button>
        </section>
      ) : run.data ? (
        <ImportReportPanel report={run.data} fileName={review?.file_name ?? null} onClose={reset} />
      ) : null}
    </div>
  );
}

function rows(n: number): string {
  return n === 1 ? "1 row" : `${n} rows`;
}

const PHASES: Record<Progress["phase"], { text: string; unit: string }> = {
  exporting: { text: "Writing profiles to the file", unit: "rows" },
  matching: { text: "Finding existing profiles by email", unit: "profiles checked" },
  writing: { text: "Creating and updating profiles", unit: "rows" },
};

/** A labelled progress bar with "done of total" (or "done so far" while the total is unknown). */
function ProgressLine({ label, progress }: { label: string; progress: Progress | null }) {
  const phase = progress ? PHASES[progress.phase] ?? { text: progress.phase, unit: "items" } : null;
  const total = progress?.total ?? null;
  return (
    <div className="csv-progress">
      <p>{phase ? phase.text : "Starting…"}</p>
      <progress aria-label={label} max={total ?? undefined} value={total != null ? Math.min(progress!.done, total) : undefined} />
      <p className="muted" aria-live="polite">
        {progress == null ? "" : total != null ? `${progress.done} of ${total} ${phase!.unit}` : `${progress.done} ${phase!.unit} so far`}
      </p>
    </div>
  );
}

function CancelButton({ label, cancel }: { label: string; cancel: ReturnType<typeof useCancelPeopleCsv> }) {
  return (
    <div className="form-actions">
      <button type="button" className="danger" disabled={cancel.isPending || cancel.isSuccess} onClick={() => cancel.mutate()}>
        {cancel.isPending || cancel.isSuccess ? "Cancelling…" : label}
      </button>
      {cancel.isError ? (
        <span className="field-error" role="alert">
          {describeError(cancel.error)}
        </span>
      ) : null}
    </div>
  );
}

/** The rows that are (or were) not imported: row as a spreadsheet numbers it, email, column and reason. */
function FailureTable({ failures, caption }: { failures: RowFailure[]; caption: string }) {
  const shown = failures.slice(0, FAILURES_SHOWN);
  return (
    <div className="csv-table-wrap">
      <table className="csv-failures">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Email</th>
            <th scope="col">Field</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((f, i) => (
            <tr key={`${f.row}-${f.field}-${i}`}>
              <td>{f.row}</td>
              <td>{f.email ?? ""}</td>
              <td>
                <code>{f.field}</code>
              </td>
              <td>{f.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {failures.length > shown.length ? (
        <p className="muted">
          The first {shown.length} of {failures.length} problems are shown; the report after the import saves them all to a file.
        </p>
      ) : null}
    </div>
  );
}

/** What the file holds and what it will cost, before anything is sent. */
function ImportReview({
  plan,
  running,
  onConfirm,
  onCancel,
}: {
  plan: PeopleImportPlan;
  running: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { summary, estimate } = plan;
  const failing = summary.total_rows - summary.valid_rows;
  return (
    <section className="csv-panel" aria-labelledby="people-review-title">
      <h2 id="people-review-title">Review import: {plan.file_name}</h2>
      <p>
        <strong>Nothing has been sent yet.</strong> {rows(summary.total_rows)} in the file: {summary.valid_rows} ready to import
        {failing > 0 ? `, ${failing} with problems that will be skipped` : ""}.
      </p>
      {summary.failures.length ? <FailureTable failures={summary.failures} caption="Rows that will not be imported" /> : null}
      {summary.ignored_columns.length ? <p className="muted">Read-only columns, ignored: {summary.ignored_columns.join(", ")}</p> : null}
      {summary.unknown_columns.length ? <p className="muted">Unknown columns, ignored: {summary.unknown_columns.join(", ")}</p> : null}
      <div className="csv-estimate" role="group" aria-label="Requests needed">
        <p>
          This import needs <strong>{estimate.total} requests</strong>: {estimate.writes} to create or update profiles and{" "}
          {estimate.matching} to find existing profiles by email.
        </p>
        <p>
          {estimate.remaining_today != null
            ? `${estimate.remaining_today} requests are left of today's budget.`
            : "This connection's tier has no daily request budget."}
        </p>
        {!estimate.fits ? (
          <p className="csv-warning">
            That is more than is left today: the import stops when the quota is spent, and running the same file after the
            reset sends the rest without creating duplicates.
          </p>
        ) : null}
      </div>
      <div className="form-actions">
        <button type="button" className="primary" disabled={summary.valid_rows === 0 || running} onClick={onConfirm}>
          Confirm import
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

/** What the import did, and the refused rows with a way to save them. */
function ImportReportPanel({ report, fileName, onClose }: { report: ImportReport; fileName: string | null; onClose: () => void }) {
  const save = useSavePeopleImportErrors();
  const title = report.cancelled ? "Import cancelled" : report.quota_spent ? "Import stopped: daily quota spent" : "Import finished";
  return (
    <section className="csv-panel" aria-labelledby="people-report-title">
      <h2 id="people-report-title">
        {title}
        {fileName ? `: ${fileName}` : ""}
      </h2>
      <dl className="csv-counts" aria-label="Import results">
        <div>
          <dt>Created</dt>
          <dd>{report.created}</dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>{report.updated}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd>{report.failed.length}</dd>
        </div>
        <div>
          <dt>Not sent</dt>
          <dd>{report.not_sent}</dd>
        </div>
      </dl>
      {report.cancelled ? (
        <p role="status">
          You cancelled the import: {rows(report.not_sent)} were not sent. Running the same file again creates no duplicates:
          profiles are matched by email, so rows already imported are updated, not created twice.
        </p>
      ) : report.quota_spent ? (
        <p role="status">
          Crisp says today's request quota is spent: {rows(report.not_sent)} were not sent. Run the same file again after the
          daily reset; it creates no duplicates, since profiles are matched by email.
        </p>
      ) : (
        <p role="status">The import is done.</p>
      )}
      {report.failed.length ? (
        <>
          <FailureTable failures={report.failed} caption="Rows that were not imported" />
          <div className="form-actions">
            <button type="button" disabled={save.isPending} onClick={() => save.mutate(report.failed)}>
              Save error file
            </button>
            {save.isError ? (
              <span className="field-error" role="alert">
                {describeError(save.error)}
              </span>
            ) : save.data === true ? (
              <span className="form-success" role="status">
                Error file saved.
              </span>
            ) : null}
          </div>
        </>
      ) : null}
      <div className="form-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
  );
}
