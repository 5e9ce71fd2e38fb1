/**
 * Monitor fixtures for screen tests: statuses as the backend reports them, and `monitor-update-event` payloads
 * to emit into the page (`app.emit(MONITOR_UPDATE, ...)`).
 */
import type { MonitorEvent_Serialize, MonitorStatus_Serialize, MonitorUpdateEvent_Serialize } from "../../src/ipc";

/** The event the monitors emit. */
export const MONITOR_UPDATE = "monitor-update-event";

/** A watching status (plugin tier, 4750 of 5000 left) built around `now`, the daily reset at the next UTC midnight. */
export function status(overrides: Partial<MonitorStatus_Serialize> = {}, now = Date.now()): MonitorStatus_Serialize {
  const midnight = new Date(now);
  midnight.setUTCHours(24, 0, 0, 0);
  return {
    phase: "watching",
    pace: "normal",
    budget: { tier: "plugin", used_today: 250, daily_budget: 5000, remaining_today: 4750, reserved: 500, resets_at_ms: midnight.getTime() },
    interval_ms: 17_000,
    last_poll_at_ms: now - 1_000,
    next_poll_at_ms: now + 16_000,
    last_error: null,
    backoff_until_ms: null,
    unread_conversations: 0,
    transport: "polling",
    socket_down_since_ms: null,
    socket_retry_at_ms: null,
    socket_problem: null,
    ...overrides,
  };
}

/** A status update for `connection`. */
export function statusUpdate(connection: string, data: MonitorStatus_Serialize): MonitorUpdateEvent_Serialize {
  return { connection, update: { type: "status", data } };
}

/** An event update for `connection`. */
export function eventUpdate(connection: string, data: MonitorEvent_Serialize): MonitorUpdateEvent_Serialize {
  return { connection, update: { type: "event", data } };
}

/** A visitor's new message in `session`. */
export function visitorMessage(
  session: string,
  excerpt: string,
  nickname: string,
  timestamp = Date.now(),
): Extract<MonitorEvent_Serialize, { kind: "visitor_message_received" }> {
  return { kind: "visitor_message_received", session_id: session, fingerprint: timestamp, excerpt, nickname, timestamp, unread: 1 };
}
