import type { PaceReason, MonitorStatus } from "../../ipc";

/** How the monitor line reads for one monitor status: what it does, how often and why, the budget, the error. */
export interface MonitorSummary {
  /** What the monitor is doing, in a sentence (stops say when they end). */
  phase: string;
  /** `ok` while it watches, `warn` while slowed or failing, `stopped` until the daily reset, `off` when not watched. */
  tone: "ok" | "warn" | "stopped" | "off";
  /** How often it checks and why, when it checks at all. */
  pace: string | null;
  /** Requests left of the tier's daily budget (or counted, without one). */
  budget: string | null;
  /** The last failure in plain words. */
  error: string | null;
}

/** A wait as people say it: "9 s", "2 min", "1 min 30 s", "3 h 20 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    const rest = seconds % 60;
    return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** A moment later today or tomorrow as "at 02:00 (in 3 h 20 min)". */
export function whenText(at: number, now: number): string {
  const time = new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return at > now ? `at ${time} (in ${formatDuration(at - now)})` : `at ${time}`;
}

const PACE: Record<PaceReason, string> = {
  normal: "normal pace",
  slowed: "slowed down after rate limiting or failures",
  shared_backoff: "waiting out Crisp's rate limit, shared by every request of this connection",
  quota_spent: "the daily quota is spent",
  budget_reserved: "the rest of today's budget is kept for your own actions",
};

/** The budget in words: "4750 of 5000 requests left today", or the count when the tier has no daily budget. */
export function budgetText(budget: MonitorStatus["budget"]): string | null {
  if (budget?.used_today == null) return null;
  if (budget.daily_budget != null && budget.remaining_today != null) {
    const reserved = budget.reserved ? ` (${budget.reserved} kept for your own actions)` : "";
    return `${budget.remaining_today} of ${budget.daily_budget} requests left today${reserved}`;
  }
  return `${budget.used_today} ${budget.used_today === 1 ? "request" : "requests"} today (no daily budget for this tier)`;
}

/** The monitor line for a connection's monitor; `null` status means the connection is not watched. */
export function summarizeMonitor(status: MonitorStatus | null | undefined, now = Date.now()): MonitorSummary {
  if (!status) return { phase: "Not watching this connection.", tone: "off", pace: null, budget: null, error: null };
  const resetAt = status.budget?.resets_at_ms ?? status.next_poll_at_ms ?? null;
  const resumes = resetAt != null ? `Watching resumes ${whenText(resetAt, now)}, when the daily budget resets.` : "Watching resumes when the daily budget resets.";
  const every = status.interval_ms != null ? `Checks every ${formatDuration(status.interval_ms)}` : null;
  // On the live socket nothing is checked: changes arrive as they happen.
  const pace = every && status.transport !== "live" ? `${every} (${PACE[status.pace] ?? status.pace}).` : null;
  const common = { budget: budgetText(status.budget), error: status.last_error?.trim() || null };
  // Crisp's Retry-After, honoured in full: the monitor sends nothing before it ends.
  const retryAt = status.backoff_until_ms != null && status.backoff_until_ms > now ? status.backoff_until_ms : null;
  const waitNote = retryAt != null ? ` Crisp asked this connection to wait (HTTP 429/420): retrying ${whenText(retryAt, now)}.` : "";
  switch (status.phase) {
    case "starting":
      return { ...common, phase: `Starting to watch…${waitNote}`, tone: retryAt != null ? "warn" : "ok", pace };
    case "watching":
      return { ...common, phase: `Watching for new conversations and messages.${waitNote}`, tone: retryAt != null ? "warn" : "ok", pace };
    case "backing_off": {
      if (retryAt != null) {
        return {
          ...common,
          phase: `Backing off: Crisp asked this connection to wait (HTTP 429/420), so nothing is sent until then; retrying ${whenText(retryAt, now)}.`,
          tone: "warn",
          pace,
        };
      }
      const next = status.next_poll_at_ms != null && status.next_poll_at_ms > now ? ` Next check ${whenText(status.next_poll_at_ms, now)}.` : "";
      return {
        ...common,
        phase: `Backing off: Crisp is rate limiting this connection (HTTP 429/420), so checks are slower until it stops.${next}`,
        tone: "warn",
        pace,
      };
    }
    case "failing":
      return {
        ...common,
        phase: retryAt != null ? `The last check failed; Crisp asked this connection to wait, retrying ${whenText(retryAt, now)}.` : "The last check failed; retrying more slowly.",
        tone: "warn",
        pace,
      };
    case "quota_spent":
      return { ...common, phase: `Stopped: Crisp says today's request quota is spent. ${resumes}`, tone: "stopped", pace: null };
    case "budget_reserved":
      return {
        ...common,
        phase: `Paused: only the requests kept for your own actions are left today. ${resumes}`,
        tone: "stopped",
        pace: null,
      };
    case "off":
      return { ...common, phase: "Watching is off for this connection.", tone: "off", pace: null };
    default:
      return { ...common, phase: `Monitor: ${String(status.phase)}.`, tone: "warn", pace };
  }
}

/**
 * How changes reach the monitor: "Live" on Crisp's real-time socket, "Connecting to the real-time socket…" until its
 * first connection is live, "Polling (socket down since 14:02, retrying at 14:03)" while the socket is down,
 * "Polling (why)" when the socket is not used; `null` for a monitor without a socket.
 */
export function transportText(status: MonitorStatus | null | undefined): string | null {
  if (!status) return null;
  if (status.transport === "live") return "Live";
  if (status.transport === "connecting") return "Connecting to the real-time socket…";
  const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const problem = status.socket_problem?.trim();
  if (problem) return `Polling (${problem})`;
  if (status.socket_down_since_ms == null) return null;
  const retry = status.socket_retry_at_ms != null ? `, retrying at ${time(status.socket_retry_at_ms)}` : "";
  return `Polling (socket down since ${time(status.socket_down_since_ms)}${retry})`;
}

/** What the footer says after more conversations changed at once than one check reads (nothing is lost silently). */
export function overflowText(atLeast: number, at: number): string {
  const time = new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return `More than ${atLeast} conversations changed at once (at ${time}): the newest ${atLeast} were announced, the conversation list was refreshed for the rest.`;
}
