import { useId } from "react";
import { ErrorNotice, Loading } from "../../components/Status";
import { Switch } from "../../components/Switch";
import { describeError, type ConnectionSummary } from "../../ipc";
import { connectionLabel, useConnectionList } from "../../session/connection";
import { navigate } from "../../session/router";
import { useMonitorStatus } from "./monitor";
import { useMonitorPreferences, useSetMonitorPreferences } from "./monitorPreferences";
import { summarizeMonitor } from "./monitorStatus";
import { EVENT_SWITCHES, valueOf, withSetting, type FullMonitorSettings, type SettingKey } from "./settings";
import { useSetMonitorSettings } from "./useSetMonitorSettings";
import { useMonitorSettings } from "./useMonitorSettings";
import "./monitor.css";

/**
 * Notifications & monitoring: the choices for every connection (watch them all), then one connection's
 * monitor: its status and budget, watch on or off, which events it looks for, desktop notifications.
 * Each switch applies at once; a failed change goes back and says why at that switch.
 */
export function MonitorScreen({ connection }: { connection: ConnectionSummary }) {
  const connections = useConnectionList();
  const chooserId = useId();
  return (
    <div className="screen monitor-screen">
      <header className="screen-header">
        <h1>Notifications & monitoring</h1>
      </header>
      <EveryConnection />
      <section className="panel" aria-labelledby="monitor-connection-title">
        <div className="monitor-connection-head">
          <h2 id="monitor-connection-title">{connectionLabel(connection)}</h2>
          {connections.length > 1 ? (
            <div className="field monitor-chooser">
              <label htmlFor={chooserId}>Settings for</label>
              <select id={chooserId} value={connection.id} onChange={(event) => navigate("monitor", event.target.value)}>
                {connections.map((c) => (
                  <option key={c.id} value={c.id}>
                    {connectionLabel(c)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </div>
        <ConnectionMonitorStatus connection={connection.id} />
        <ConnectionSettings key={connection.id} connection={connection.id} />
      </section>
    </div>
  );
}

/** The preferences that apply to every connection. Do not disturb sits in the header, always in reach. */
function EveryConnection() {
  const preferences = useMonitorPreferences();
  const save = useSetMonitorPreferences();
  return (
    <section className="panel" aria-labelledby="monitor-all-title">
      <h2 id="monitor-all-title">Every connection</h2>
      {preferences.isPending ? (
        <Loading>Loading preferences…</Loading>
      ) : preferences.isError ? (
        <ErrorNotice message={describeError(preferences.error)} onRetry={() => preferences.refetch()} />
      ) : (
        <>
          <Switch
            label="Watch every saved connection, not just the selected one"
            checked={save.isPending ? save.variables.watch_all_connections : preferences.data.watch_all_connections}
            disabled={save.isPending}
            help="Each watched connection spends its own daily request budget. The Demo is watched only while it is selected."
            error={save.isError ? describeError(save.error) : null}
            onChange={(on) => save.mutate({ ...preferences.data, watch_all_connections: on })}
          />
          <p className="muted">
            Do not disturb is in the header: events keep arriving and lists stay live, but no desktop notification is
            shown.
          </p>
        </>
      )}
    </section>
  );
}

/** The connection's monitor as the footer shows it, plus the unread count Crisp reports. */
function ConnectionMonitorStatus({ connection }: { connection: string }) {
  const status = useMonitorStatus(connection);
  const summary = summarizeMonitor(status.data ?? null);
  return (
    <div className={`monitor-status tone-${summary.tone}`} aria-label="Monitor status" role="group">
      <p className="monitor-phase">{summary.phase}</p>
      {summary.pace ? <p>{summary.pace}</p> : null}
      {summary.budget ? <p>{summary.budget}</p> : null}
      {status.data ? (
        <p>
          {status.data.unread_conversations === 1
            ? "1 conversation has messages unread by operators."
            : `${status.data.unread_conversations} conversations have messages unread by operators.`}
        </p>
      ) : null}
      {summary.error ? <p className="monitor-error">Last error: {summary.error}</p> : null}
    </div>
  );
}

/** One connection's switches; each change sends the whole settings object with that switch changed. */
function ConnectionSettings({ connection }: { connection: string }) {
  const settings = useMonitorSettings(connection);
  const save = useSetMonitorSettings(connection);
  if (settings.isPending) return <Loading>Loading watch settings…</Loading>;
  if (settings.isError) return <ErrorNotice message={describeError(settings.error)} onRetry={() => settings.refetch()} />;

  const shown: FullMonitorSettings = save.isPending ? save.variables.settings : settings.data;
  const errorAt = (key: SettingKey) => (save.isError && save.variables.changed === key ? describeError(save.error) : null);
  const toggle = (key: SettingKey) => (on: boolean) => save.mutate({ settings: withSetting(settings.data, key, on), changed: key });
  const props = (key: SettingKey) => ({ checked: valueOf(shown, key), disabled: save.isPending, error: errorAt(key), onChange: toggle(key) });

  return (
    <div className="monitor-settings">
      <Switch
        label="Watch this connection"
        help="Checks Crisp for changes at a pace the tier's daily budget allows, and keeps lists and the open thread current."
        {...props("enabled")}
      />
      <fieldset>
        <legend>Events</legend>
        <p className="field-help">Which changes the monitor looks for while watching is on.</p>
        {EVENT_SWITCHES.map((item) => (
          <Switch key={item.kind} label={item.label} help={item.help} {...props(item.kind)} />
        ))}
      </fieldset>
      <Switch
        label="Desktop notifications"
        help="A system notification for each new visitor message, unless Do not disturb is on."
        {...props("notifications")}
      />
    </div>
  );
}
