import { expect, test } from "vitest";
import type { MonitorStatus } from "../../ipc";
import { budgetText, formatDuration, overflowText, summarizeMonitor, transportText, whenText } from "./monitorStatus";

const NOW = Date.UTC(2026, 6, 20, 21, 40);
const MIDNIGHT = Date.UTC(2026, 6, 21);

function status(overrides: Partial<MonitorStatus>): MonitorStatus {
  return {
    phase: "watching",
    pace: "normal",
    budget: { tier: "plugin", used_today: 250, daily_budget: 5000, remaining_today: 4750, reserved: 500, resets_at_ms: MIDNIGHT },
    interval_ms: 17_000,
    last_poll_at_ms: NOW - 1000,
    next_poll_at_ms: NOW + 16_000,
    last_error: null,
    backoff_until_ms: null,
    unread_conversations: 0,
    ...overrides,
  };
}

test("waits read the way people say them", () => {
  expect(formatDuration(9_000)).toBe("9 s");
  expect(formatDuration(120_000)).toBe("2 min");
  expect(formatDuration(90_000)).toBe("1 min 30 s");
  expect(formatDuration(12_000_000), "3 h 20 min").toBe("3 h 20 min");
});

test("a watching connection says how often it checks, why, and what is left of the day's budget", () => {
  const summary = summarizeMonitor(status({}), NOW);
  expect(summary.tone).toBe("ok");
  expect(summary.pace, "interval and pace reason").toBe("Checks every 17 s (normal pace).");
  expect(summary.budget, "remaining of the tier's budget, and the reserve kept for the user").toBe(
    "4750 of 5000 requests left today (500 kept for your own actions)",
  );
  expect(summary.error).toBeNull();
});

test("backing off names the rate limit and when the next check is", () => {
  const summary = summarizeMonitor(status({ phase: "backing_off", pace: "shared_backoff", interval_ms: 60_000, next_poll_at_ms: NOW + 45_000 }), NOW);
  expect(summary.tone).toBe("warn");
  expect(summary.phase).toMatch(/^Backing off: Crisp is rate limiting this connection \(HTTP 429\/420\)/);
  expect(summary.phase, "the next check is a time and a wait").toMatch(/Next check at .+ \(in 45 s\)\./);
  expect(summary.pace).toBe("Checks every 1 min (waiting out Crisp's rate limit, shared by every request of this connection).");
});

test("a spent quota says it stopped and when it resumes, and shows no polling pace", () => {
  const summary = summarizeMonitor(status({ phase: "quota_spent", pace: "quota_spent", last_error: "Crisp says the daily quota is spent (quota_limit_exceeded)." }), NOW);
  expect(summary.tone).toBe("stopped");
  expect(summary.phase).toMatch(/^Stopped: Crisp says today's request quota is spent\. Watching resumes at .+ \(in 2 h 20 min\), when the daily budget resets\.$/);
  expect(summary.pace, "nothing is polled until the reset").toBeNull();
  expect(summary.error, "the last error is shown as the backend worded it").toBe("Crisp says the daily quota is spent (quota_limit_exceeded).");
});

test("without a monitor, or without a published budget, it says so", () => {
  expect(summarizeMonitor(null, NOW)).toEqual({ phase: "Not watching this connection.", tone: "off", pace: null, budget: null, error: null });
  expect(budgetText({ tier: "user", used_today: 42, daily_budget: null, remaining_today: null, reserved: null, resets_at_ms: null })).toBe(
    "42 requests today (no daily budget for this tier)",
  );
});

test("a Retry-After longer than 30 s shows when the monitor retries, in local time", () => {
  const retryAt = NOW + 90_000;
  const summary = summarizeMonitor(
    status({ phase: "backing_off", pace: "shared_backoff", interval_ms: 90_000, next_poll_at_ms: retryAt, backoff_until_ms: retryAt }),
    NOW,
  );
  const hhmm = new Date(retryAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  expect(summary.phase, "the footer says when the monitor retries").toContain(`retrying at ${hhmm} (in 1 min 30 s)`);
  expect(summary.tone).toBe("warn");
  expect(whenText(retryAt, NOW)).toBe(`at ${hhmm} (in 1 min 30 s)`);
  const watching = summarizeMonitor(status({ backoff_until_ms: retryAt }), NOW);
  expect(watching.phase, "a wait set by another request of the connection shows too").toContain(`retrying at ${hhmm}`);
  const over = summarizeMonitor(status({ phase: "backing_off", backoff_until_ms: NOW - 1 }), NOW);
  expect(over.phase, "a wait that has ended is not shown").not.toContain("retrying at");
});

test("more changes than one check reads are said, not lost silently", () => {
  expect(overflowText(300, NOW)).toMatch(/^More than 300 conversations changed at once \(at .+\): .*conversation list was refreshed/);
});

test("the footer says Live on the socket, Connecting until its first connection is live, and since when it is down and when it retries while polling", () => {
  const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const live = status({ transport: "live", next_poll_at_ms: null });
  expect(transportText(live)).toBe("Live");
  expect(summarizeMonitor(live, NOW).pace, "nothing is checked while live").toBeNull();
  const downSince = NOW - 120_000;
  const retryAt = NOW + 5_000;
  expect(transportText(status({ transport: "polling", socket_down_since_ms: downSince, socket_retry_at_ms: retryAt }))).toBe(
    `Polling (socket down since ${time(downSince)}, retrying at ${time(retryAt)})`,
  );
  expect(transportText(status({ transport: "polling", socket_down_since_ms: downSince, socket_problem: "Crisp's real-time socket refused this keypair, so the monitor polls" }))).toBe(
    "Polling (Crisp's real-time socket refused this keypair, so the monitor polls)",
  );
  expect(transportText(status({ transport: "polling" })), "a monitor without a socket says nothing about it").toBeNull();
  expect(transportText(status({ transport: "connecting" })), "a first connection is not a socket down").toBe("Connecting to the real-time socket…");
  expect(transportText(null)).toBeNull();
});
