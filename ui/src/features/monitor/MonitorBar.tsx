import { useMutation, useQueryClient } from "@tanstack/react-query";
import { call, commands, describeError, queryKeys, type ConnectionSummary } from "../../ipc";
import { navigate } from "../../session/router";
import { useMonitor, useMonitorStatus } from "./monitor";
import { overflowText, summarizeMonitor, transportText } from "./monitorStatus";

/** Polls the connection now instead of at its next turn; the answer is its status after that poll. */
function useMonitorNow(connection: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(commands.monitorNow(connection)),
    onSuccess: (status) => queryClient.setQueryData(queryKeys.monitor.status(connection), status),
  });
}

/**
 * The shell's footer: what the selected connection's monitor does (watching, backing off after rate limiting,
 * stopped until the daily reset, ...), whether it is live on the socket or polling, how often it checks and why,
 * and its last error in plain words.
 * The phase is a polite live region, so a stop is announced; the pace and budget change quietly.
 */
export function MonitorBar({ connection }: { connection: ConnectionSummary }) {
  const status = useMonitorStatus(connection.id);
  const now = useMonitorNow(connection.id);
  const summary = summarizeMonitor(status.data ?? null);
  const transport = transportText(status.data ?? null);
  const overflow = useMonitor().overflow(connection.id);
  const watched = status.data != null;
  const stopped = summary.tone === "stopped";
  return (
    <footer className={`shell-footer monitor-bar tone-${summary.tone}`} aria-label="Monitor">
      <p className="monitor-phase" role="status">
        {status.isError ? `The monitor's status could not be read: ${describeError(status.error)}` : summary.phase}
      </p>
      {transport ? <p className="monitor-transport">{transport}</p> : null}
      {summary.pace ? <p className="monitor-pace">{summary.pace}</p> : null}
      {summary.error ? <p className="monitor-error">Last error: {summary.error}</p> : null}
      {overflow ? <p className="monitor-overflow">{overflowText(overflow.atLeast, overflow.at)}</p> : null}
      <div className="monitor-actions">
        {watched && !stopped ? (
          <button type="button" disabled={now.isPending} onClick={() => now.mutate()}>
            {now.isPending ? "Checking…" : "Check now"}
          </button>
        ) : null}
        {now.isError ? (
          <span className="field-error" role="alert">
            {describeError(now.error)}
          </span>
        ) : null}
        <a
          href="#/monitor"
          onClick={(event) => {
            event.preventDefault();
            navigate("monitor");
          }}
        >
          Notifications & monitoring
        </a>
      </div>
    </footer>
  );
}
