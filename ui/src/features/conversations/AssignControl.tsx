import { useEffect, useState } from "react";
import { useAction } from "../../session/actions";
import { ErrorNotice } from "../../components/Status";
import { describeError, type ConnectionSummary, type Operator } from "../../ipc";
import { operatorName, useOperators } from "../operators/operators";
import { useAssignConversationRouting, useGetConversationRouting } from "./useConversationRouting";

/** The id of the open conversation's assignee picker (the `a` shortcut focuses it). */
export const ASSIGN_CONTROL_ID = "conversation-assignee";
/** The id of the bulk bar's assignee picker. */
export const BULK_ASSIGN_CONTROL_ID = "bulk-assignee";

/**
 * Moves the focus to an assignee picker on screen, the bulk bar's first (it acts on the selection), else the
 * open conversation's; false when neither is shown. For the `a` shortcut.
 */
export function focusAssignControl(): boolean {
  const picker =
    document.getElementById(BULK_ASSIGN_CONTROL_ID) ?? document.getElementById(ASSIGN_CONTROL_ID);
  if (!(picker instanceof HTMLSelectElement)) return false;
  picker.focus();
  return true;
}

/**
 * The operators as `<option>`s, "Nobody" first (value ""), and `current` by its ID when it is not among them
 * (an operator since removed from the website still shows who holds the conversation).
 */
export function AssigneeOptions({ operators, current }: { operators: Operator[]; current?: string | null }) {
  const listed = operators.filter((o) => o.user_id);
  return (
    <>
      <option value="">Nobody</option>
      {current && !listed.some((o) => o.user_id === current) ? <option value={current}>{current}</option> : null}
      {listed.map((o) => (
        <option key={o.user_id ?? ""} value={o.user_id ?? ""}>
          {operatorName(o)}
        </option>
      ))}
    </>
  );
}

/**
 * The open conversation's assignee as Crisp's routing says, and a picker to assign it to another operator or
 * to nobody. The choice is sent with Assign, so moving through the options never sends a request.
 */
export function AssignControl({ connection, sessionId }: { connection: ConnectionSummary; sessionId: string }) {
  const routing = useGetConversationRouting(connection, sessionId);
  const operators = useOperators(connection);
  const assign = useAssignConversationRouting(connection, sessionId);
  const current = routing.data ?? null;
  const [choice, setChoice] = useState("");
  useEffect(() => {
    if (routing.isSuccess) setChoice(current ?? "");
  }, [routing.isSuccess, current]);
  const changed = routing.isSuccess && choice !== (current ?? "");
  useAction({
    id: "conversation.assign",
    title: "Assign the open conversation",
    group: "Conversation",
    shortcut: "a",
    enabled: routing.isSuccess,
    run: () => document.getElementById(ASSIGN_CONTROL_ID)?.focus(),
  });

  return (
    <form
      className="assign-control"
      aria-label="Assignment"
      onSubmit={(event) => {
        event.preventDefault();
        if (changed) assign.mutate(choice || null);
      }}
    >
      <label htmlFor={ASSIGN_CONTROL_ID}>Assignee</label>
      <select
        id={ASSIGN_CONTROL_ID}
        value={choice}
        disabled={!routing.isSuccess || assign.isPending}
        onChange={(event) => {
          setChoice(event.target.value);
          assign.reset();
        }}
      >
        {routing.isSuccess ? <AssigneeOptions operators={operators.data ?? []} current={current} /> : <option value="">Loading…</option>}
      </select>
      <button type="submit" disabled={!changed || assign.isPending}>
        {assign.isPending ? "Assigning…" : choice ? "Assign" : "Unassign"}
      </button>
      {routing.isError ? <ErrorNotice message={describeError(routing.error)} onRetry={() => routing.refetch()} /> : null}
      {assign.isError ? <ErrorNotice message={describeError(assign.error)} /> : null}
    </form>
  );
}
