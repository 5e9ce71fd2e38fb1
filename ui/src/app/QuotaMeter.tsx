import { useQuery } from "@tanstack/react-query";
import { useMonitorStatus } from "../features/monitor/monitor";
import { budgetText } from "../features/monitor/monitorStatus";
import { call, commands, queryKeys, type ConnectionSummary, type QuotaSnapshot } from "../ipc";

/** "N of M requests today", and the time Crisp's rate limit lifts when the client is backing off. */
export function quotaText(quota: QuotaSnapshot, now = Date.now()): string | null {
  if (quota.used_today == null) return null;
  const budget = quota.daily_budget != null ? ` of ${quota.daily_budget}` : "";
  const waiting =
    quota.backoff_until_ms != null && quota.backoff_until_ms > now
      ? ` · rate limited, retrying at ${new Date(quota.backoff_until_ms).toLocaleTimeString()}`
      : "";
  const noun = quota.daily_budget == null && quota.used_today === 1 ? "request" : "requests";
  return `${quota.used_today}${budget} ${noun} today${waiting}`;
}

/**
 * The selected connection's request budget: while the connection is watched, what is left of the tier's daily
 * budget as the monitor reports it after every poll; otherwise the client's count, refreshed every 30 s.
 */
export function QuotaMeter({ connection }: { connection: ConnectionSummary }) {
  const monitor = useMonitorStatus(connection.id);
  const quota = useQuery({
    queryKey: queryKeys.quota(connection.id),
    queryFn: () => call(commands.quota(connection.id)),
    refetchInterval: 30_000,
    retry: false,
    enabled: !monitor.data,
  });
  const text = (monitor.data ? budgetText(monitor.data.budget) : null) ?? (quota.data ? quotaText(quota.data) : null);
  return text ? (
    <span className="quota muted" role="status" aria-label={`Request budget: ${text}`}>
      {text}
    </span>
  ) : null;
}
