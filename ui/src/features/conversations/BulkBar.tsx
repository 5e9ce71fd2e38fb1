import { useEffect, useId, useMemo, useRef, useState } from "react";
import { ConfirmDialog } from "../../components/Dialog";
import { useActions, type Action } from "../../session/actions";
import type { ConnectionId, Operator } from "../../ipc";
import { AssigneeOptions, BULK_ASSIGN_CONTROL_ID } from "./AssignControl";
import { ACTION_WORDS, reportSummary, type BulkAction, type BulkReport } from "./bulk";
import { planChunks, requestsPerConnection } from "./selection";
import { CHUNK_SIZE, useBulkAction, useRequestBudget, type BulkProgress } from "./useBulkAction";
import type { ListSelection } from "./useSelection";
import "./bulk.css";

export interface BulkBarProps {
  selection: ListSelection;
  /** The operators a selection can be assigned to. */
  operators: Operator[];
  /** A connection's name, for lists that mix connections; omitted, rows are not labelled by connection. */
  connectionName?: (connection: ConnectionId) => string;
  /** More conversations match than are loaded (Ctrl+A takes the loaded ones). */
  moreToLoad?: boolean;
}

const SIMPLE_ACTIONS = ["resolve", "unresolve", "read", "unread"] as const;

/**
 * The selection's count and actions (resolve, unresolve, mark read or unread, assign, remove), each sent as
 * batch requests of up to CHUNK_SIZE conversations, with what that costs against today's budget, a progress
 * bar and Cancel while it runs, and a report of what it did not change and why. Shown while something is
 * selected, running or reported; Escape clears the selection.
 */
export function BulkBar({ selection, operators, connectionName, moreToLoad }: BulkBarProps) {
  const bulk = useBulkAction((undone) => selection.selectOnly(undone));
  const [assignee, setAssignee] = useState("");
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const countId = useId();
  const costs = useMemo(() => requestsPerConnection(planChunks(selection.rows, CHUNK_SIZE)), [selection.rows]);
  const requests = [...costs.values()].reduce((sum, n) => sum + n, 0);
  const ready = !bulk.running && selection.count > 0;
  const start = bulk.start;
  const chosen = selection.rows;
  const paletteActions = useMemo<Action[]>(
    () => [
      ...SIMPLE_ACTIONS.map((kind) => ({
        id: `conversations.bulk.${kind}`,
        title: `${ACTION_WORDS[kind].verb}: the selected conversations`,
        group: "Selection",
        enabled: ready,
        run: () => void start({ kind }, chosen),
      })),
      {
        id: "conversations.bulk.assign",
        title: "Assign the selected conversations…",
        group: "Selection",
        enabled: ready,
        run: () => document.getElementById(BULK_ASSIGN_CONTROL_ID)?.focus(),
      },
      { id: "conversations.bulk.remove", title: "Remove the selected conversations…", group: "Selection", enabled: ready, run: () => setConfirmingRemove(true) },
      { id: "conversations.select-all", title: "Select every listed conversation", group: "Selection", run: selection.selectAll },
      { id: "conversations.clear-selection", title: "Clear the selection", group: "Selection", enabled: selection.count > 0, run: selection.clear },
    ],
    [ready, start, chosen, selection.selectAll, selection.clear, selection.count],
  );
  useActions(paletteActions);

  if (selection.count === 0 && !bulk.running && !bulk.report) return null;
  const run = (action: BulkAction) => void bulk.start(action, selection.rows);
  const idle = !bulk.running && selection.count > 0;
  const count = selection.count;

  return (
    <section
      className="bulk-bar"
      aria-label="Bulk actions"
      onKeyDown={(event) => {
        // Not from a dropdown or the remove dialog: there Escape closes that, and the selection stays.
        const target = event.target as Element;
        if (event.key === "Escape" && !bulk.running && !(target instanceof HTMLSelectElement) && !target.closest("dialog")) {
          event.preventDefault();
          selection.clear();
        }
      }}
    >
      <div className="bulk-head">
        <p id={countId} className="bulk-count" aria-live="polite">
          <strong>{count} selected</strong>
        </p>
        {count > 0 ? (
          <button type="button" className="link-button" disabled={bulk.running} onClick={selection.clear}>
            Clear selection
          </button>
        ) : null}
      </div>
      {count > 0 ? (
        <div className="bulk-cost">
          <p>
            Each action sends {requests} {requests === 1 ? "request" : "requests"} (up to {CHUNK_SIZE} conversations each).
          </p>
          {moreToLoad && count === selection.total ? (
            <p>All {count} loaded conversations are selected; more match. Scroll the list to load them, then Ctrl+A again.</p>
          ) : null}
          {[...costs].map(([connection, n]) => (
            <BudgetLine key={connection} connection={connection} requests={n} name={connectionName?.(connection)} />
          ))}
        </div>
      ) : null}
      {count > 0 ? (
        <div className="bulk-actions" role="group" aria-labelledby={countId}>
          {SIMPLE_ACTIONS.map((kind) => (
            <button key={kind} type="button" disabled={!idle} onClick={() => run({ kind })}>
              {ACTION_WORDS[kind].verb}
            </button>
          ))}
          <span className="bulk-assign">
            <label htmlFor={BULK_ASSIGN_CONTROL_ID}>Assign to</label>
            <select id={BULK_ASSIGN_CONTROL_ID} value={assignee} disabled={!idle} onChange={(e) => setAssignee(e.target.value)}>
              <AssigneeOptions operators={operators} />
            </select>
            <button type="button" disabled={!idle} onClick={() => run({ kind: "assign", userId: assignee || null })}>
              {assignee ? "Assign" : "Unassign"}
            </button>
          </span>
          <button type="button" className="danger" disabled={!idle} onClick={() => setConfirmingRemove(true)}>
            Remove…
          </button>
        </div>
      ) : null}
      {bulk.progress ? <Progress progress={bulk.progress} onCancel={bulk.cancel} /> : null}
      {bulk.report ? <Report report={bulk.report} connectionName={connectionName} onClose={bulk.dismiss} /> : null}
      <ConfirmDialog
        title={`Remove ${count} ${count === 1 ? "conversation" : "conversations"}?`}
        open={confirmingRemove}
        confirmLabel="Remove"
        onCancel={() => setConfirmingRemove(false)}
        onConfirm={() => {
          setConfirmingRemove(false);
          run({ kind: "remove" });
        }}
      >
        <p>
          {count === 1 ? "It" : "They"} and all {count === 1 ? "its" : "their"} messages are deleted from Crisp. This cannot be
          undone.
        </p>
        <p>
          This sends {requests} {requests === 1 ? "request" : "requests"}.
        </p>
      </ConfirmDialog>
    </section>
  );
}

/** What an action costs one connection, against what it has used of today's budget. */
function BudgetLine({ connection, requests, name }: { connection: ConnectionId; requests: number; name?: string }) {
  const quota = useRequestBudget(connection);
  const q = quota.data;
  const prefix = name ? `${name}: ${requests} ${requests === 1 ? "request" : "requests"}; ` : "";
  if (!q || q.used_today == null) return name ? <p>{prefix.replace(/; $/, ".")}</p> : null;
  if (q.daily_budget == null) {
    return (
      <p>
        {prefix}
        {q.used_today} {q.used_today === 1 ? "request" : "requests"} sent today (this token has no daily budget).
      </p>
    );
  }
  const left = Math.max(0, q.daily_budget - q.used_today);
  return (
    <p className={requests > left ? "bulk-over-budget" : undefined}>
      {prefix}
      {q.used_today} of {q.daily_budget} requests used today, {left} left
      {requests > left ? ": not enough for this action; Crisp will refuse the requests beyond the budget." : "."}
    </p>
  );
}

function Progress({ progress, onCancel }: { progress: BulkProgress; onCancel: () => void }) {
  const label = `${ACTION_WORDS[progress.action.kind].running}: ${progress.sent} of ${progress.total} requests sent`;
  return (
    <div className="bulk-progress">
      <progress max={progress.total} value={progress.sent} aria-label={label} />
      <span role="status">{progress.cancelling ? `${label}; cancelling after this request…` : label}</span>
      <button type="button" disabled={progress.cancelling} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

function Report({
  report,
  connectionName,
  onClose,
}: {
  report: BulkReport;
  connectionName?: (connection: ConnectionId) => string;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // The Cancel button is gone and the action buttons were disabled: the keyboard continues from the report.
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body || ref.current?.closest(".bulk-bar")?.contains(active)) ref.current?.focus();
  }, []);
  return (
    <div className="bulk-report" role="status" tabIndex={-1} ref={ref}>
      <p className={report.failed.length ? "bulk-report-failed" : "bulk-report-ok"}>{reportSummary(report)}</p>
      {report.failed.length ? (
        // Focusable: a long report scrolls, and the keyboard must reach it.
        <ul aria-label="Conversations not changed" tabIndex={0}>
          {report.failed.map(({ row, reason }) => (
            <li key={`${row.connection}/${row.sessionId}`}>
              <strong>{row.title}</strong>
              {connectionName ? ` (${connectionName(row.connection)})` : ""}: {reason}
            </li>
          ))}
        </ul>
      ) : null}
      <button type="button" className="link-button" onClick={onClose}>
        Close report
      </button>
    </div>
  );
}
